using Jusou.Intake.Consents;
using Jusou.Intake.Consultations;
using Jusou.Intake.Households;
using Jusou.Intake.Persons;
using Jusou.Intake.Referrals;

namespace Jusou.Intake;

/// <summary>Examples shown in Intake's OpenAPI document (a Tono-like 8050 household).</summary>
public static class ApiExamples
{
    private static readonly Guid Person = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000001");
    private static readonly Guid Consultation = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000101");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(PersonRequest)] = new PersonRequest("遠野 太郎", "トオノ タロウ", new DateOnly(1978, 6, 15), "male",
            "岩手県遠野市東舘町1-1", "tono-district-01", "0198-00-0000", "日中は在宅。電話は夕方が良い。", "0001234567"),
        [typeof(HouseholdRequest)] = new HouseholdRequest("elder_with_unmarried_adult_child", "tono-district-01",
            [new HouseholdMemberRequest(Person, "self"), new HouseholdMemberRequest(Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000002"), "parent")]),
        [typeof(ConsentRequest)] = new ConsentRequest(["*"], ["information_sharing", "referral", "case_conference"], "tono-2026-04",
            new DateOnly(2026, 11, 20), "signed_form"),
        [typeof(ConsultationRequest)] = new ConsultationRequest("district_centre", new DateTimeOffset(2026, 11, 20, 1, 30, 0, TimeSpan.Zero),
            "marugoto_counsellor", "8050", ["care", "social_isolation"], "80代の母の介護と、40代の本人のひきこもりについて近所の方から。",
            Person, "neighbour", "with_consent", "tono-district-01", "multi_agency", "consent"),
        [typeof(DispositionRequest)] = new DispositionRequest("referred_to_agency", "consent", "tono-community-general-support-centre",
            "母の介護保険申請について"),
        [typeof(FollowUpRequest)] = new FollowUpRequest("phone", new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero), "本人と電話で話せた。"),
        [typeof(ConsultationPatch)] = new ConsultationPatch(Person),
        [typeof(Gaiji.GaijiRequest)] = new Gaiji.GaijiRequest("U+E001", "「吉」の異体字 (上が土の「𠮷」を宛名システムで外字としていたもの)", "MJ000001"),
        [typeof(ReferralAnswer)] = new ReferralAnswer("completed", "家計改善支援につなぎ、初回面談を終えました。", "service_started", "家計改善支援 月2回"),
        [typeof(MergeRequest)] = new MergeRequest(Person),
    };
}
