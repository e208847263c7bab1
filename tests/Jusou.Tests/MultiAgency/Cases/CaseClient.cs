using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>Helpers for the MultiAgency case tests: calls through the gateway and reads of multiagencydb.</summary>
internal static class CaseClient
{
    public const string Cases = "/api/multiagency/cases";
    public const string Database = "multiagencydb";

    public static HttpClient Coordinator(this SystemFixture system, string tenant, string subject = "coordinator-1") =>
        system.Gateway(tenant, JusouRoles.Coordinator, subject: subject, organisation: "city-welfare");

    /// <summary>Opens a case directly and returns it.</summary>
    public static async Task<JsonObject> OpenCase(this HttpClient coordinator, string track = "support_meeting", Guid? personId = null,
        string? districtCode = "tono-district-01") =>
        await (await coordinator.PostAsJsonAsync(Cases, new { track, personId, mainConcern = "8050", districtCode })).Expect(HttpStatusCode.Created);

    /// <summary>The case as read now, with its ETag.</summary>
    public static async Task<(JsonObject Case, string ETag)> ReadCase(this HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"{Cases}/{caseId}");
        return (await response.Expect(HttpStatusCode.OK), response.ETagOf());
    }

    /// <summary>Moves the case to <paramref name="status"/> (reading it first for If-Match) and asserts it worked.</summary>
    public static async Task<JsonObject> Move(this HttpClient coordinator, Guid caseId, string status, string? reason = null, Guid? meetingId = null)
    {
        var (_, etag) = await coordinator.ReadCase(caseId);
        var response = await coordinator.Send(HttpMethod.Post, $"{Cases}/{caseId}/status", new { status, reason, meetingId }, etag);
        return await response.Expect(HttpStatusCode.OK);
    }

    /// <summary>The organisations the MultiAgency tests name: a tenant registers them first (<see cref="Organisations"/>).</summary>
    public static readonly string[] Organisations =
    [
        "test-org", "org-0", "org-1", "org-2", "org-3", "city-welfare", "tono-houkatsu", "tono-shakyo", "tono-school", "tono-welfare-division",
        "tono-children-policy-division", "tono-community-general-support-centre", "tono-day-service", "tono-kaigo",
    ];


    /// <summary>
    /// A person of Intake who consented to share with <paramref name="organisations"/> (every organisation: "*") for
    /// information sharing and つなぎ, once MultiAgency has learnt the consent (ConsentRecorded); returns the person's id.
    /// </summary>
    public static async Task<Guid> ConsentingPerson(this SystemFixture system, string tenant, params string[] organisations)
    {
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await intake.NewPersonId();
        await system.Consent(tenant, person, organisations);
        return person;
    }

    /// <summary>Records a consent of <paramref name="personId"/> in Intake and waits until MultiAgency knows it; returns the consent id.</summary>
    public static async Task<Guid> Consent(this SystemFixture system, string tenant, Guid personId, params string[] organisations)
    {
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        await system.RegisterOrganisationsAsync(tenant, organisations.Where(o => o != "*").ToArray());
        var consent = await intake.RecordConsent(personId, organisations.Length == 0 ? ["*"] : organisations, "information_sharing", "referral");
        await Eventually.True(async () => await Sql.Count(system, Database, "SELECT count(*) FROM recorded_consents WHERE id = $1", consent) == 1,
            TimeSpan.FromSeconds(30), "MultiAgency to learn the consent");
        return consent;
    }

    /// <summary>
    /// A case at プラン作成 (planning) with a draft plan of <paramref name="actions"/> actions (participation, outreach,
    /// rights, other, … for org-0, org-1, …); returns case id, plan id and the plan's ETag. A consented case is a person's
    /// who consented to share with every organisation (made when no person is given).
    /// </summary>
    public static async Task<(Guid CaseId, Guid PlanId, string PlanETag)> CaseWithDraft(this SystemFixture system, string tenant, int actions,
        string track = "consented", Guid? personId = null, string subject = "coordinator-1")
    {
        await system.RegisterOrganisationsAsync(tenant, Organisations);
        var coordinator = system.Coordinator(tenant, subject);
        if (track == "consented") personId ??= await system.ConsentingPerson(tenant);
        var caseId = (await coordinator.OpenCase(track, personId)).Id();
        await coordinator.Move(caseId, "assessment");
        await coordinator.Move(caseId, "planning");
        var response = await coordinator.PostAsJsonAsync($"{Cases}/{caseId}/plans", new
        {
            goals = new object[] { new { text = "母が介護サービスを利用する", term = "short_term" }, new { text = "本人が居場所に通う", term = "long_term" } },
            actions = Enumerable.Range(0, actions).Select(i => new
            {
                kind = new[] { "participation", "outreach", "rights", "other" }[i % 4],
                organisationCode = $"org-{i}",
                description = $"支援 {i}",
                dueOn = "2027-01-31",
                needCodes = new[] { "social_isolation", "care" },
            }).ToArray(),
            reviewOn = "2027-02-28",
        });
        var plan = await response.Expect(HttpStatusCode.Created);
        return (caseId, plan.Id(), response.ETagOf());
    }

    /// <summary>Approves the plan at a 参加・アウトリーチ支援プラン会議 that discussed the case (recorded first unless given).</summary>
    public static async Task<HttpResponseMessage> Approve(this HttpClient coordinator, Guid caseId, Guid planId, string? etag, Guid? meetingId = null)
    {
        meetingId ??= await PlanMeeting(coordinator, caseId);
        return await coordinator.Send(HttpMethod.Post, $"{Cases}/{caseId}/plans/{planId}/approval",
            new { meetingId, approvedOn = "2026-11-01" }, etag);
    }

    public static async Task<Guid> PlanMeeting(this HttpClient coordinator, Guid caseId, string type = "participation_outreach_plan_meeting")
    {
        var response = await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = "2026-11-01", type,
            attendees = new[] { new { organisationCode = "test-org", role = "coordinator" } },
            items = new[] { new { caseId } },
        });
        return (await response.Expect(HttpStatusCode.Created)).Id();
    }

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, Database, $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    /// <summary>How many events of <typeparamref name="T"/> (a MultiAgency event with a CaseId) about the case multiagencydb published.</summary>
    public static async Task<int> Events<T>(this SystemFixture system, Guid caseId) where T : IIntegrationEvent =>
        typeof(T).GetProperty(nameof(SupportCaseOpened.CaseId))?.PropertyType == typeof(Guid)
            ? (await Infrastructure.Events.Published<T>(system, Database, e => Infrastructure.Events.IdIn(e, nameof(SupportCaseOpened.CaseId)) == caseId)).Count
            : throw new ArgumentException($"{typeof(T)} has no CaseId.");

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid caseId, string action, string recordType = "support_case") =>
        Sql.Count(system, Database,
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3 AND record_type = $4",
            tenant, caseId, action, recordType);

    public static async Task<IReadOnlyList<JsonObject>> Timeline(this HttpClient client, Guid caseId, int pageSize = 100)
    {
        var page = await (await client.GetAsync($"{Cases}/{caseId}/timeline?pageSize={pageSize}")).Expect(HttpStatusCode.OK);
        return page.Items("items");
    }
}
