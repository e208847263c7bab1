using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Tools.Demo;

/// <summary>
/// An Ina-like municipality (伊那市): the programme table of its 実施計画 in the directory, and one case of the city's
/// 響働コーディネーター from referral to an approved plan, whose actions go out to Participation, Outreach and
/// RightsAdvocacy (上伊那成年後見センター) as events.
/// </summary>
public static class Ina
{
    public const string Tenant = "202096";
    // The sample directory's codes (the programme table's organisations, registered by the import).
    public const string CityWelfare = "ina-fukushi-sodan"; // 伊那市 福祉相談課
    public const string Shakyo = "ina-shakyo"; // 伊那市社会福祉協議会
    public const string GuardianshipCentre = "ina-seinen-kouken"; // 上伊那成年後見センター

    public static async Task<string> LoadAsync(Demo demo, string tenant)
    {
        using var community = demo.As(tenant, JusouRoles.CommunityStaff, Shakyo);
        using var imported = await community.PostAsync("/api/community/imports/ina-sample", null);
        var import = await imported.Content.ReadAsStringAsync();
        if (!imported.IsSuccessStatusCode) throw new InvalidOperationException($"Ina programme import: {(int)imported.StatusCode} {import}");
        await Demo.WaitUntilKnown(community, [CityWelfare, Shakyo, GuardianshipCentre], TimeSpan.FromSeconds(60));

        using var coordinator = demo.As(tenant, JusouRoles.Coordinator, CityWelfare, "ina-kyodo-coordinator");
        var existing = await coordinator.GetFromJsonAsync<JsonObject>("/api/multiagency/cases?pageSize=1");
        if (existing!["items"]!.AsArray().Count > 0) return $"programme table imported ({Summary(import)}); the coordinator's case was already loaded";

        // An 8050 household — a father needing care, a son withdrawn for years — comes to the 地域包括支援センター. The son
        // agrees to his information being shared with the programme's organisations; the counter refers him to the
        // 響働コーディネーター (多機関協働) on that consent, and MultiAgency opens his case on the consented track.
        using var intake = demo.As(tenant, JusouRoles.IntakeWorker, Shakyo, "ina-marugoto-counsellor");
        var personId = await Demo.Created(await intake.PostAsJsonAsync("/api/intake/persons", new
        {
            name = "伊那 一郎", nameKana = "イナ イチロウ", birthDate = "1976-05-12",
        }));
        await Demo.Created(await intake.PostAsJsonAsync("/api/intake/households", new
        {
            householdType = "elder_with_unmarried_adult_child", members = new[] { new { personId, relationship = "self" } },
        }));
        await Demo.Created(await intake.PostAsJsonAsync($"/api/intake/persons/{personId}/consents", new
        {
            organisationCodes = new[] { "*" }, purposes = new[] { "information_sharing", "referral", "case_conference" },
            wordingVersion = "ina-2026-04", givenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), method = "signed_form",
        }));
        var consultationId = await Demo.Created(await intake.PostAsJsonAsync("/api/intake/consultations", new
        {
            channel = "from_agency", referralRoute = "community_general_support_centre", mainConcern = "8050", personId,
            summary = "父の介護と長男のひきこもりについて、地域包括支援センターから", disposition = "multi_agency", sharingRule = "consent",
        }));
        var caseId = await Demo.WaitForCase(coordinator, consultationId, TimeSpan.FromSeconds(30));
        await Move(coordinator, caseId, "assessment");
        using (var assessment = await coordinator.PutAsJsonAsync($"/api/multiagency/cases/{caseId}/assessment", new
        {
            assessedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)),
            areas = new object[]
            {
                new { area = "care", severity = "high", finding = "父(82)が要介護2。主な介護者は長男", need = "介護サービスの調整" },
                new { area = "social_participation", severity = "medium", finding = "長男(50)は10年以上ひきこもり", need = "安心できる居場所と短時間の仕事" },
                new { area = "rights", severity = "medium", finding = "父の金銭管理に不安", need = "日常生活自立支援事業または成年後見の検討" },
            },
            strengths = "長男は父の介護を続けてきた。畑仕事が好き。",
        }))
        {
            if (!assessment.IsSuccessStatusCode) throw new InvalidOperationException($"assessment: {(int)assessment.StatusCode} {await assessment.Content.ReadAsStringAsync()}");
        }
        await Move(coordinator, caseId, "planning");

        using var drafted = await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/plans", new
        {
            goals = new[] { new { text = "父が在宅で安心して暮らし、長男が社会とのつながりを取り戻す", term = "long_term" } },
            actions = new object[]
            {
                new { kind = "participation", organisationCode = Shakyo, description = "山本の家での居場所体験、いなぷちバイト", needCodes = new[] { "social_isolation" } },
                new { kind = "outreach", organisationCode = Shakyo, description = "長男への訪問を月2回", needCodes = new[] { "social_isolation" } },
                new { kind = "rights", organisationCode = GuardianshipCentre, description = "父の金銭管理の支援を検討", needCodes = new[] { "rights_capacity" } },
            },
            reviewOn = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(3)),
        });
        var planId = await Demo.Created(drafted);
        var planTag = drafted.Headers.ETag?.Tag;

        var meetingId = await Demo.Created(await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)),
            type = "participation_outreach_plan_meeting",
            minutes = "参加・アウトリーチ支援プラン会議: プランを承認",
            attendees = new[]
            {
                new { organisationCode = CityWelfare, role = "coordinator" },
                new { organisationCode = Shakyo, role = "coordinator" },
                new { organisationCode = GuardianshipCentre, role = "agency_worker" },
            },
            items = new[] { new { caseId, decision = "to_participation" } },
        }));
        using var approval = new HttpRequestMessage(HttpMethod.Post, $"/api/multiagency/cases/{caseId}/plans/{planId}/approval")
        {
            Content = JsonContent.Create(new { meetingId, approvedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)) }),
        };
        approval.Headers.TryAddWithoutValidation("If-Match", planTag);
        using var approved = await coordinator.SendAsync(approval);
        if (!approved.IsSuccessStatusCode) throw new InvalidOperationException($"plan approval: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");

        return $"programme table imported ({Summary(import)}); a 響働コーディネーター case with an approved plan of 3 actions (参加支援, アウトリーチ, 権利擁護)";
    }

    /// <summary>Moves the case along its lifecycle, reading it first for If-Match (the assessment changes its version too).</summary>
    private static async Task Move(HttpClient coordinator, Guid caseId, string status)
    {
        using var read = await coordinator.GetAsync($"/api/multiagency/cases/{caseId}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/multiagency/cases/{caseId}/status") { Content = JsonContent.Create(new { status }) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag?.Tag);
        using var response = await coordinator.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"case → {status}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string Summary(string importAnswer) =>
        JsonNode.Parse(importAnswer) is JsonObject answer ? string.Join(", ", answer.Select(p => $"{p.Key} {p.Value}")) : importAnswer;
}
