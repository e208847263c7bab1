using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Reports;
using Jusou.MultiAgency.Watch;

namespace Jusou.MultiAgency.Codes;

public sealed record CodeLabel(string Code, string Label);

/// <summary>GET /codes: every code table of MultiAgency, composed from each feature's own table class.</summary>
public static class CodeEndpoints
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["caseStatuses"] = SupportCaseCodes.Statuses,
            ["caseTracks"] = SupportCaseCodes.Tracks,
            ["reportFormats"] = ReportLabels.Formats,
        }
        .Concat(MeetingCodes.All)
        .Concat(WatchCodes.All)
        .ToDictionary(table => table.Key, table => table.Value);

    public static void MapCodes(this IEndpointRouteBuilder api) =>
        api.MapGet("/codes", () => TypedResults.Ok(All.ToDictionary(
                table => table.Key,
                table => table.Value.Select(entry => new CodeLabel(entry.Key, entry.Value)).ToList())))
            .WithTags("Codes (コード表)")
            .WithName("GetMultiAgencyCodes")
            .WithSummary("Every code table MultiAgency uses, each code with its Japanese label.");
}
