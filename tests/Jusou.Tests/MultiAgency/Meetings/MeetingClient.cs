using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Meetings;

/// <summary>Helpers for the meeting tests: support cases opened through Intake, and calls as coordinator or member.</summary>
internal static class MeetingClient
{
    public const string Meetings = "/api/multiagency/meetings";
    public const string Secretariat = "tono-welfare-division";
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The coordinator recording meetings, acting for the 支援会議's secretariat (市福祉課).</summary>
    public static HttpClient Coordinator(this SystemFixture system, string tenant, string organisation = Secretariat, string subject = "coordinator-1") =>
        system.Gateway(tenant, JusouRoles.Coordinator, subject: subject, organisation: organisation);

    /// <summary>Refers a consultation to 多機関協働 through Intake and returns the support case MultiAgency opened for it.</summary>
    public static async Task<Guid> OpenCase(this SystemFixture system, string tenant, string sharingRule = "support_meeting")
    {
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var consultationId = await intake.ReferConsultation(sharingRule);
        var coordinator = system.Coordinator(tenant);
        var found = await Eventually.Get(() => coordinator.FindCase(consultationId), CaseTimeout, "the support case");
        return found["id"]!.GetValue<Guid>();
    }

    /// <summary>A 支援会議 of 2021-05-20 with the secretariat and 社協 as members, discussing the given cases.</summary>
    public static object SupportMeeting(params Guid[] caseIds) => new
    {
        date = "2021-05-20",
        type = "support_meeting",
        minutes = "ケース共有: 守秘義務のもとで協議",
        attendees = new object[]
        {
            new { organisationCode = Secretariat, role = "secretariat" },
            new { organisationCode = "tono-shakyo", role = "marugoto_counsellor", subjectId = "marugoto-7" },
        },
        items = caseIds.Select(id => new { caseId = id, note = "見守りを継続" }).ToArray(),
    };

    public static async Task<(JsonObject Meeting, string ETag)> CreateMeeting(this HttpClient coordinator, object meeting)
    {
        var response = await coordinator.PostAsJsonAsync(Meetings, meeting);
        var created = await response.CreatedObject();
        return (created, response.ETagOf());
    }

    public static Task<long> MeetingRows(this SystemFixture system, string tenant) =>
        Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meetings WHERE tenant_code = $1", tenant);

    public static Task<long> Audits(this SystemFixture system, string tenant, Guid recordId, string action, string rule) =>
        Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3 AND rule = $4",
            tenant, recordId, action, rule);
}
