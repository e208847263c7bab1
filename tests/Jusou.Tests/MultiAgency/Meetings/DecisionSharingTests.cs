using Jusou.Intake.Codes;
using Jusou.MultiAgency.Meetings;

namespace Jusou.Tests.MultiAgency.Meetings;

// Pure unit tests of the consent rule on meeting decisions: no SystemFixture, nothing is started.
public class DecisionSharingTests
{
    [Theory]
    [InlineData("to_multi_agency")]
    [InlineData("to_outreach")]
    [InlineData("to_participation")]
    [InlineData("to_rights_advocacy")]
    [InlineData("continue_with_agencies")]
    [InlineData("watch")]
    [InlineData("close")]
    public void A_case_with_consent_may_be_passed_anywhere(string decision) =>
        Assert.Null(DecisionSharing.Refusal("consented", decision));

    [Theory]
    [InlineData("to_multi_agency")]
    [InlineData("to_outreach")]
    [InlineData("continue_with_agencies")]
    [InlineData("watch")]
    [InlineData("close")]
    public void The_support_meeting_may_send_a_case_to_multi_agency_or_outreach_or_keep_it_where_it_is(string decision) =>
        Assert.Null(DecisionSharing.Refusal("support_meeting", decision));

    [Theory]
    [InlineData("to_participation", "参加支援へ")]
    [InlineData("to_rights_advocacy", "権利擁護へ")]
    public void Without_consent_participation_and_rights_advocacy_are_refused_naming_the_rule(string decision, string label)
    {
        var refusal = DecisionSharing.Refusal("support_meeting", decision);

        Assert.NotNull(refusal);
        Assert.Equal("consent_required", refusal.Rule);
        Assert.Contains(label, refusal.Detail, StringComparison.Ordinal);
        Assert.Contains("106条の6", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_decision_code_has_a_sharing_entry_and_the_exception_is_Intakes()
    {
        Assert.Equal(MeetingCodes.Decisions.Keys.Order(StringComparer.Ordinal), DecisionSharing.SharesWith.Keys.Order(StringComparer.Ordinal));
        // The same two programmes Intake lets a 支援会議 referral reach without consent.
        Assert.Equal(IntakeCodes.SupportMeetingDispositions.Order(StringComparer.Ordinal),
            Jusou.MultiAgency.Consents.ConsentRule.SupportMeetingProgrammes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_track_is_treated_as_without_consent() =>
        Assert.NotNull(DecisionSharing.Refusal("", "to_participation"));
}
