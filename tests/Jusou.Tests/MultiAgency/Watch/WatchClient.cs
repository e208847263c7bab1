using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Watch;

/// <summary>Helpers for the 制度切れ watch tests: referrals of persons with a birth date, and direct reads of the databases.</summary>
internal static class WatchClient
{
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The municipality's today (Japan), the day the services count from.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    /// <summary>
    /// A birth date such that the person reaches <paramref name="age"/> in <paramref name="days"/> days (legally on the
    /// day before the birthday, 年齢計算ニ関スル法律).
    /// </summary>
    public static DateOnly BirthDateReaching(int age, int days) => Today.AddDays(days + 1).AddYears(-age);

    /// <summary>The day before the birthday (the rule for 29 February births is a fast test: AgeWatchRuleTests).</summary>
    public static DateOnly ReachesOn(DateOnly birthDate, int age) => birthDate.AddYears(age).AddDays(-1);

    /// <summary>
    /// Records a person with <paramref name="birthDate"/> and their consent, and refers a consultation of theirs to
    /// 多機関協働 under consent. Returns the person and the support case MultiAgency opened.
    /// </summary>
    public static async Task<(Guid PersonId, Guid CaseId)> ReferPerson(this SystemFixture system, string tenant, DateOnly birthDate)
    {
        var intake = system.Gateway(tenant, "intake_worker");
        var personId = await intake.CreatePerson("遠野 一郎", "トオノ イチロウ", birthDate);
        var consent = await intake.PostAsJsonAsync($"/api/intake/persons/{personId}/consents", new
        {
            organisationCodes = new[] { "*" },
            purposes = new[] { "referral", "information_sharing" },
            wordingVersion = "test-2026-04",
            givenOn = "2026-11-01",
            method = "signed_form",
        });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        var consultation = await intake.PostAsJsonAsync("/api/intake/consultations", new
        {
            channel = "counter",
            mainConcern = "disability_certified",
            personId,
            disposition = "multi_agency",
            sharingRule = "consent",
        });
        Assert.True(consultation.StatusCode == HttpStatusCode.Created, await consultation.Content.ReadAsStringAsync());
        var consultationId = (await consultation.ReadObject())["id"]!.GetValue<Guid>();
        var supportCase = await Eventually.Get(() => system.Gateway(tenant, "coordinator").FindCase(consultationId), EventTimeout, "the support case");
        return (personId, supportCase["id"]!.GetValue<Guid>());
    }

    /// <summary>An anonymous referral (支援会議) and its case.</summary>
    public static async Task<Guid> NewCase(this SystemFixture system, string tenant)
    {
        var consultationId = await system.Gateway(tenant, "intake_worker").ReferConsultation();
        var supportCase = await Eventually.Get(() => system.Gateway(tenant, "coordinator").FindCase(consultationId), EventTimeout, "the support case");
        return supportCase["id"]!.GetValue<Guid>();
    }

    public static Task<long> Alerts(this SystemFixture system, Guid caseId, string? rule = null) =>
        rule is null
            ? Sql.Count(system, "multiagencydb", "SELECT count(*) FROM watch_alerts WHERE case_id = $1", caseId)
            : Sql.Count(system, "multiagencydb", "SELECT count(*) FROM watch_alerts WHERE case_id = $1 AND rule = $2", caseId, rule);

    public static async Task<int> AgeEvents(this SystemFixture system, Guid personId) =>
        (await Events.Published<AgeThresholdApproaching>(system, "intakedb", e => e.PersonId == personId)).Count;

    public static async Task<int> RaisedEvents(this SystemFixture system, Guid caseId) =>
        (await Events.Published<WatchAlertRaised>(system, "multiagencydb", e => e.CaseId == caseId)).Count;

    /// <summary>Saves the tenant's rules (reading the ETag first) and waits until Intake has taken the age rules in.</summary>
    public static async Task SaveRules(this SystemFixture system, string tenant, int[] ages, int ageWindowDays, int noContactDays = 60,
        int supportEndingWindowDays = 30)
    {
        var coordinator = system.Gateway(tenant, "coordinator");
        var current = await coordinator.GetAsync("/api/multiagency/watch/rules");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var saved = await coordinator.Send(HttpMethod.Put, "/api/multiagency/watch/rules",
            new { ageThresholds = ages, ageWindowDays, noContactDays, supportEndingWindowDays }, current.Headers.ETag!.ToString());
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var changedAt = (await saved.ReadObject())["updatedAt"]!.GetValue<DateTimeOffset>();
        // Intake stores the rules in the same transaction as it evaluates every watched person with them.
        await Eventually.True(async () => await Sql.Count(system, "intakedb",
                "SELECT count(*) FROM age_watch_rules WHERE tenant_code = $1 AND window_days = $2 AND changed_at >= $3",
                tenant, ageWindowDays, changedAt.AddMilliseconds(-1)) == 1,
            EventTimeout, "Intake to take the age rules in");
    }

    public static readonly string[] AllRules = ["age_threshold", "support_ending", "no_contact", "plan_review_overdue"];

    /// <summary>Runs the watch now (every rule unless named) and answers the counts of new alerts.</summary>
    public static async Task<JsonObject> Scan(this HttpClient client, params string[] rules)
    {
        var response = await client.PostAsJsonAsync("/api/multiagency/watch/scan", new { rules = rules.Length == 0 ? AllRules : rules });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"scan: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<List<JsonObject>> AlertList(this HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/multiagency/alerts?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"alerts: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }
}
