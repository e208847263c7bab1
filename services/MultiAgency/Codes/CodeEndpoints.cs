using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Reports;

namespace Jusou.MultiAgency.Codes;

public sealed record CodeLabel(string Code, string Label);

public static class CodeEndpoints
{
    /// <summary>Every table, by the name GET /api/multiagency/codes uses. Each feature keeps its own table; this composes them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>(MeetingCodes.All)
        {
            ["reportFormats"] = ReportLabels.Formats,
        };

    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapGet("/codes", () => TypedResults.Ok(All.ToDictionary(
                table => table.Key,
                table => table.Value.Select(entry => new CodeLabel(entry.Key, entry.Value)).ToList())))
            .WithTags("Codes (コード表)")
            .WithName("GetMultiAgencyCodes")
            .WithSummary("Every code table MultiAgency uses, each code with its Japanese label.");
}
