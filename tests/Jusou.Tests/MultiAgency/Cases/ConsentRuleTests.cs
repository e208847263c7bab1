using Jusou.MultiAgency.Consents;
using Jusou.MultiAgency.Plans;

namespace Jusou.Tests.MultiAgency.Cases;

// Pure unit tests of the consent rule MultiAgency applies: no SystemFixture, nothing is started.
public class ConsentRuleTests
{
    private static readonly Guid Person = Guid.CreateVersion7();

    private static RecordedConsent Consent(string[] organisations, params string[] purposes) => new()
    {
        Id = Guid.CreateVersion7(), PersonId = Person, OrganisationCodes = [.. organisations], PurposeCodes = [.. purposes],
        RecordedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void An_anonymous_case_cannot_be_shared_on_consent()
    {
        var refusal = ConsentRule.ToShare(null, [], [Consent(["*"], "information_sharing")]);
        Assert.Equal("consent_required", refusal?.Rule);
    }

    [Fact]
    public void A_consent_for_every_organisation_covers_any_and_a_named_one_only_itself()
    {
        Assert.Null(ConsentRule.ToShare(Person, ["tono-shakyo", "tono-houkatsu"], [Consent(["*"], "information_sharing")]));
        Assert.Null(ConsentRule.ToShare(Person, ["tono-shakyo"], [Consent(["tono-shakyo"], "information_sharing")]));

        var refusal = ConsentRule.ToShare(Person, ["tono-shakyo", "tono-houkatsu"], [Consent(["tono-shakyo"], "information_sharing")]);
        Assert.Equal("consent_required", refusal?.Rule);
        Assert.Equal(new[] { "tono-houkatsu" }, refusal!.Facts!["organisationCodes"]);
        Assert.Contains("tono-houkatsu", refusal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Consents_add_up_and_the_purpose_must_match()
    {
        Assert.Null(ConsentRule.ToShare(Person, ["a", "b"], [Consent(["a"], "information_sharing"), Consent(["b"], "information_sharing")]));
        Assert.NotNull(ConsentRule.ToShare(Person, ["a"], [Consent(["a"], "referral")]));
        Assert.NotNull(ConsentRule.ToShare(Person, [], [Consent(["*"], "referral")]));
        Assert.Null(ConsentRule.ToShare(Person, ["a"], [Consent(["a"], "referral")], ConsentRule.Referral));
    }

    [Fact]
    public void A_withdrawn_or_not_yet_recorded_consent_covers_nothing()
    {
        var withdrawn = Consent(["*"], "information_sharing");
        withdrawn.WithdrawnAt = DateTimeOffset.UtcNow;
        var onlyWithdrawal = new RecordedConsent { Id = Guid.CreateVersion7(), PersonId = Person, WithdrawnAt = DateTimeOffset.UtcNow };
        Assert.NotNull(ConsentRule.ToShare(Person, ["a"], [withdrawn]));
        Assert.NotNull(ConsentRule.ToShare(Person, [], [onlyWithdrawal]));
    }

    [Theory]
    [InlineData("outreach", true)]
    [InlineData("participation", false)]
    [InlineData("rights", false)]
    [InlineData("other", false)]
    public void On_the_support_meeting_track_a_plan_sends_only_what_106_6_allows(string kind, bool allowed)
    {
        var actions = new List<PlanAction> { new() { ActionId = Guid.CreateVersion7(), Kind = kind, OrganisationCode = "tono-shakyo" } };
        var refusal = PlanSharing.Refusal("support_meeting", null, actions, []);
        Assert.Equal(allowed, refusal is null);
        if (!allowed)
        {
            Assert.Equal("consent_required", refusal!.Rule);
            Assert.Equal(kind, refusal.Facts!["actionKind"]);
        }
    }

    [Fact]
    public void On_the_consented_track_each_actions_organisation_needs_consent_to_share_and_to_refer()
    {
        var actions = new List<PlanAction>
        {
            new() { ActionId = Guid.CreateVersion7(), Kind = "participation", OrganisationCode = "a" },
            new() { ActionId = Guid.CreateVersion7(), Kind = "other", OrganisationCode = "b" },
        };
        Assert.Null(PlanSharing.Refusal("consented", Person, actions, [Consent(["a", "b"], "information_sharing", "referral")]));
        Assert.NotNull(PlanSharing.Refusal("consented", Person, actions, [Consent(["a"], "information_sharing", "referral")]));
        Assert.NotNull(PlanSharing.Refusal("consented", Person, actions, [Consent(["a", "b"], "information_sharing")]));
    }
}
