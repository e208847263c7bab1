using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;

namespace Jusou.Gateway;

/// <summary>
/// 開示請求 (個人情報保護法 第76条以下): GET /api/privacy/subjects/{personId} gathers, for a manager, every record each
/// service holds about one person (each service's GET /api/&lt;service&gt;/privacy/subjects/{personId}, which audits the
/// call) into one JSON document. The caller's token and correlation id go with every call, so each service applies its
/// own tenant filter and its audit rows tie back to this request. An answer to a subject-access request must never be
/// silently incomplete: if any service does not answer, the whole export is refused (502/503) naming it.
/// </summary>
public static class SubjectAccessExport
{
    public const string Path = "/api/privacy/subjects/{personId:guid}";

    /// <summary>Sent as X-Purpose with every call (the services' audit rows record it); see Jusou.ServiceKit.Privacy.SubjectAccess.</summary>
    private const string Purpose = "disclosure_request";

    /// <summary>
    /// The services asked, round by round. Intake first: it records persons, so its 404 ends the export before anything
    /// else is touched, and it names the person ids merged into this one and the outreach targets the person's
    /// consultations came from. Outreach names the 気になる人 reports its targets came from, so CommunityResources
    /// comes after it. The rounds come with the list of services (<see cref="GatewayServices.SubjectAccessRounds"/>,
    /// from AppHost/JusouServices.cs); a new service maps MapSubjectAccess and names its round there.
    /// </summary>

    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), WriteIndented = true };

    public static void AddSubjectAccessExport(this IHostApplicationBuilder builder, GatewayServices services)
    {
        foreach (var service in services.Names)
        {
#pragma warning disable EXTEXP0001 // No retries: each call writes an audit row, and a retried one would write two.
            builder.Services.AddHttpClient($"privacy-{service}", client =>
            {
                client.BaseAddress = new Uri($"http://{service}");
                client.Timeout = TimeSpan.FromSeconds(30);
            }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }
    }

    public static void MapSubjectAccessExport(this WebApplication app) =>
        app.MapGet(Path, Export).RequireRoles(JusouRoles.Manager)
            .WithName("ExportSubjectRecords").WithTags("Privacy (開示請求)")
            .WithSummary("開示請求: every record every service holds about one person, as one JSON document (manager; audited in each service).");

    private sealed record Answer(string Service, HttpStatusCode? Status, JsonObject? Body, string? Failure);

    private static async Task<IResult> Export(Guid personId, bool? download, HttpContext http, IHttpClientFactory clients,
        GatewayServices services, TimeProvider clock, CancellationToken cancellationToken)
    {
        var rounds = services.SubjectAccessRounds;
        var answers = new List<Answer>();
        var merged = new HashSet<Guid>();
        var linked = new Dictionary<string, HashSet<Guid>>();
        foreach (var round in rounds)
        {
            var asked = await Task.WhenAll(round.Select(service =>
                Ask(clients, http, service, keepsPersons: round == rounds[0], personId, merged, linked.GetValueOrDefault(service) ?? [], cancellationToken)));
            // Another tenant's person and an unknown id answer alike: 404, with nothing else asked or said.
            if (round == rounds[0] && asked.Any(a => a.Status == HttpStatusCode.NotFound)) return TypedResults.NotFound();
            answers.AddRange(asked);
            if (asked.Any(a => a.Failure is not null)) break; // the export fails anyway; ask no one else
            // Intake names the person ids merged into this one: other services may hold records under those.
            foreach (var id in asked.Select(a => a.Body?["mergedPersonIds"]).OfType<JsonArray>().SelectMany(ids => ids)) merged.Add(id!.GetValue<Guid>());
            foreach (var links in asked.Select(a => a.Body?["linked"]).OfType<JsonObject>())
            {
                foreach (var (service, ids) in links)
                {
                    if (!linked.TryGetValue(service, out var set)) linked[service] = set = [];
                    foreach (var id in ids as JsonArray ?? []) set.Add(id!.GetValue<Guid>());
                }
            }
        }

        var failed = answers.Where(a => a.Failure is not null).ToList();
        if (failed.Count > 0)
        {
            var notAsked = rounds.SelectMany(r => r).Where(s => answers.All(a => a.Service != s)).ToList();
            return TypedResults.Problem(
                statusCode: failed.Any(a => a.Status is null) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                title: "The subject-access export is incomplete, so none of it is returned.",
                detail: "No answer from " + string.Join(", ", failed.Select(a => $"{a.Service} ({a.Failure})")) +
                    (notAsked.Count > 0 ? $"; not asked: {string.Join(", ", notAsked)}" : "") + ". Try again later.",
                extensions: new Dictionary<string, object?> { ["services"] = failed.Select(a => a.Service).ToList() });
        }

        var document = new JsonObject
        {
            ["personId"] = personId,
            ["gatheredAt"] = clock.GetUtcNow(),
            ["services"] = new JsonArray(answers.Select(a => (JsonNode)new JsonObject
            {
                ["service"] = a.Service,
                ["records"] = a.Body!["records"]?.DeepClone() ?? new JsonObject(),
            }).ToArray()),
        };
        if (download == true) http.Response.Headers.ContentDisposition = $"attachment; filename=subject-{personId}.json";
        return TypedResults.Text(document.ToJsonString(Output), "application/json; charset=utf-8");
    }

    /// <param name="keepsPersons">A service of the first round keeps the persons: its 404 means no such person, not a failure.</param>
    private static async Task<Answer> Ask(IHttpClientFactory clients, HttpContext http, string service, bool keepsPersons, Guid personId,
        IEnumerable<Guid> merged, IEnumerable<Guid> linked, CancellationToken cancellationToken)
    {
        var query = string.Join("&", merged.Order().Select(id => $"mergedPersonId={id}").Concat(linked.Order().Select(id => $"linked={id}")));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/{service}/privacy/subjects/{personId}" + (query.Length > 0 ? "?" + query : ""));
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var authorization))
        {
            request.Headers.Authorization = authorization;
        }
        request.Headers.Add(CorrelationId.HeaderName, CorrelationId.Of(http));
        request.Headers.Add("X-Purpose", Purpose);
        try
        {
            using var response = await clients.CreateClient($"privacy-{service}").SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Intake's 404: no such person. Any other service's: it holds nothing of them, an empty part of the export.
                return keepsPersons
                    ? new Answer(service, response.StatusCode, null, null)
                    : new Answer(service, response.StatusCode, new JsonObject { ["records"] = new JsonObject() }, null);
            }
            if (!response.IsSuccessStatusCode) return new Answer(service, response.StatusCode, null, $"answered {(int)response.StatusCode}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
            return body is null
                ? new Answer(service, response.StatusCode, null, "answered no JSON object")
                : new Answer(service, response.StatusCode, body, null);
        }
        catch (JsonException)
        {
            return new Answer(service, HttpStatusCode.OK, null, "answered no JSON");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Answer(service, null, null, exception is TaskCanceledException ? "timed out" : "unreachable");
        }
    }
}
