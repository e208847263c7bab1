using Jusou.Intake.Consents;
using Jusou.Intake.Consultations;
using Jusou.ServiceKit.Privacy;

namespace Jusou.Rules.Tests.Intake;

/// <summary>
/// The consent rule at intake and its 支援会議 exception (社会福祉法第106条の6), on the rule itself: passing a consultation
/// on needs the person's consent covering the receiver and "referral", except into the 支援会議 of 多機関協働 and
/// アウトリーチ. The flows through the API (refusal answered 403 and audited) are in the system tests.
/// </summary>
public class ConsentRuleTests
{
    private static readonly Guid Person = Guid.CreateVersion7();

    private static Consent Given(string organisation, params string[] purposes) =>
        new() { PersonId = Person, OrganisationCodes = [organisation], Purposes = [.. purposes] };

    [Fact]
    public void Closing_with_advice_shares_nothing_and_needs_nothing() =>
        Assert.Null(Disposition.Refusal(new DispositionRequest("advice_closed"), personId: null, []));

    [Theory]
    [InlineData("multi_agency")]
    [InlineData("outreach")]
    public void The_support_meeting_exception_covers_multi_agency_and_outreach_even_anonymously(string disposition) =>
        Assert.Null(Disposition.Refusal(new DispositionRequest(disposition, "support_meeting"), personId: null, []));

    [Theory]
    [InlineData("participation")]
    [InlineData("rights")]
    public void The_exception_covers_nothing_else(string disposition)
    {
        var refusal = Disposition.Refusal(new DispositionRequest(disposition, "support_meeting"), Person, [Given("*", "referral")]);
        Assert.NotNull(refusal);
        Assert.Equal(SharingRefusal.ConsentRequired, refusal.Rule);
        Assert.Contains("支援会議", refusal.Detail);
    }

    [Fact]
    public void An_anonymous_consultation_has_no_consent_to_rely_on()
    {
        var refusal = Disposition.Refusal(new DispositionRequest("participation", "consent"), personId: null, []);
        Assert.NotNull(refusal);
        Assert.Equal("An anonymous consultation has no consent to rely on.", refusal.Title);
    }

    [Fact]
    public void Consent_must_cover_the_receiver_and_the_purpose_referral()
    {
        var toAgency = new DispositionRequest("referred_to_agency", "consent", ReferredOrganisationCode: " 1234567890123 ");
        Assert.Null(Disposition.Refusal(toAgency, Person, [Given("1234567890123", "referral")]));
        Assert.Null(Disposition.Refusal(toAgency, Person, [Given(Consent.AnyOrganisation, "referral", "information_sharing")]));
        Assert.NotNull(Disposition.Refusal(toAgency, Person, [Given("9999999999999", "referral")]));
        Assert.NotNull(Disposition.Refusal(toAgency, Person, [Given("1234567890123", "information_sharing")]));
        Assert.NotNull(Disposition.Refusal(toAgency, Person, []));
    }

    [Fact]
    public void A_withdrawn_consent_covers_nothing()
    {
        var withdrawn = Given("participation", "referral");
        withdrawn.WithdrawnAt = DateTimeOffset.UnixEpoch;
        Assert.NotNull(Disposition.Refusal(new DispositionRequest("participation", "consent"), Person, [withdrawn]));
    }

    [Fact]
    public void A_programme_referral_is_covered_by_consent_to_the_programme()
    {
        var request = new DispositionRequest("participation", "consent");
        Assert.Equal("participation", Disposition.Receiver(request));
        Assert.Null(Disposition.Refusal(request, Person, [Given("participation", "referral")]));
        Assert.NotNull(Disposition.Refusal(request, Person, [Given("outreach", "referral")]));
    }
}
