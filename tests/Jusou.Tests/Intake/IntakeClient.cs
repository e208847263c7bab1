using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>Helpers for the Intake tests: calls through the gateway and reads of intakedb.</summary>
internal static class IntakeClient
{
    public const string Consultations = "/api/intake/consultations";
    public const string Persons = "/api/intake/persons";

    /// <summary>A gateway client of an agency (agency_staff) acting for <paramref name="organisation"/>.</summary>
    public static HttpClient Agency(this SystemFixture system, string tenant, string organisation) =>
        system.Gateway(tenant, JusouRoles.AgencyStaff, subject: $"staff-of-{organisation}", organisation: organisation);

    /// <summary>Records a person and returns its JSON (as answered by the 201).</summary>
    public static async Task<JsonObject> NewPerson(this HttpClient client, object person) =>
        await (await client.PostAsJsonAsync(Persons, person)).CreatedObject();

    public static async Task<Guid> NewPersonId(this HttpClient client, string name = "遠野 花子", string nameKana = "トオノ ハナコ",
        DateOnly? birthDate = null) =>
        await client.CreatePerson(name, nameKana, birthDate);

    /// <summary>Records a consent of <paramref name="personId"/> and returns its id.</summary>
    public static async Task<Guid> RecordConsent(this HttpClient client, Guid personId, string[] organisations, params string[] purposes)
    {
        var response = await client.PostAsJsonAsync($"{Persons}/{personId}/consents", new
        {
            organisationCodes = organisations,
            purposes = purposes.Length == 0 ? ["referral"] : purposes,
            wordingVersion = "tono-2026-04",
            givenOn = "2026-01-15",
            method = "signed_form",
        });
        return (await response.CreatedObject()).Id();
    }

    /// <summary>Records a consultation and returns its JSON.</summary>
    public static async Task<JsonObject> NewConsultation(this HttpClient client, object consultation) =>
        await (await client.PostAsJsonAsync(Consultations, consultation)).CreatedObject();

    public static Task<HttpResponseMessage> Dispose(this HttpClient client, Guid consultationId, object disposition) =>
        client.PostAsJsonAsync($"{Consultations}/{consultationId}/disposition", disposition);

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, "intakedb", $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    /// <summary>Events of <paramref name="eventType"/> (short name, in Jusou.Contracts.Intake) stored for a tenant.</summary>
    public static Task<long> Events(this SystemFixture system, string tenant, string eventType) =>
        Sql.Count(system, "intakedb", "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2",
            tenant, $"Jusou.Contracts.Intake.{eventType}");

    /// <summary>Events of any type that mention the consultation.</summary>
    public static async Task<int> EventsAbout(this SystemFixture system, Guid consultationId) =>
        (await Infrastructure.Events.PublishedAny(system, "intakedb",
            e => Infrastructure.Events.IdIn(e, nameof(ConsultationReferred.ConsultationId)) == consultationId)).Count;

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid recordId, string? action = null) =>
        action is null
            ? Sql.Count(system, "intakedb", "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2", tenant, recordId)
            : Sql.Count(system, "intakedb", "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3",
                tenant, recordId, action);
}
