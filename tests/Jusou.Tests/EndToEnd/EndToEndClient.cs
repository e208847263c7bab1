using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.EndToEnd;

/// <summary>The few calls the end-to-end flows need, kept here so the flows read top to bottom.</summary>
internal static class EndToEndClient
{
    /// <summary>Each hop across the bus (outbox relay → RabbitMQ → inbox) may wait behind a loaded machine.</summary>
    public static readonly TimeSpan Hop = TimeSpan.FromSeconds(30);

    /// <summary>Moves a support case along its lifecycle.</summary>
    public static async Task MoveCase(this HttpClient coordinator, Guid caseId, string status) =>
        await (await coordinator.SendIfMatch(HttpMethod.Post, $"/api/multiagency/cases/{caseId}/status", new { status },
            $"/api/multiagency/cases/{caseId}")).Expect(HttpStatusCode.OK);

    /// <summary>The Outreach target opened from <paramref name="source"/> <paramref name="sourceId"/>, once it exists.</summary>
    public static Task<JsonObject> OutreachTargetFrom(this HttpClient outreachWorker, string source, Guid sourceId) =>
        Eventually.Get(async () => (await outreachWorker.Read($"/api/outreach/targets?source={source}&pageSize=100")).Items()
            .FirstOrDefault(t => t["sourceId"]?.GetValue<Guid>() == sourceId), Hop, $"an Outreach target from {source} {sourceId}");

    /// <summary>The RightsAdvocacy matters of a support case, once there is at least one.</summary>
    public static Task<IReadOnlyList<JsonObject>> RightsMattersOf(this HttpClient rightsStaff, Guid caseId) =>
        Eventually.Get(async () => (await rightsStaff.Read($"/api/rights/matters?supportCaseId={caseId}")).Items() is { Count: > 0 } found ? found : null,
            Hop, $"a RightsAdvocacy matter for case {caseId}");

    /// <summary>The kinds of line on a case timeline.</summary>
    public static async Task<IReadOnlyList<string>> TimelineKinds(this HttpClient coordinator, Guid caseId) =>
        (await coordinator.Read($"/api/multiagency/cases/{caseId}/timeline?pageSize=100")).Items().Select(l => l.Text("kind")).ToList();
}
