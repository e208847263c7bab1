using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Plans;
using Jusou.MultiAgency.Reports;
using Jusou.MultiAgency.Watch;

namespace Jusou.MultiAgency.Codes;

/// <summary>Every feature's code tables, served at GET /api/multiagency/codes with each code's Japanese label.</summary>
public static class MultiAgencyCodes
{
    /// <summary>Each feature keeps its own tables; add a feature's <c>All</c> here.</summary>
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>[] Features =
    [
        SupportCaseCodes.All,
        AssessmentCodes.All,
        PlanCodes.All,
        HandOffCodes.All,
        MeetingCodes.All,
        WatchCodes.All,
        new Dictionary<string, IReadOnlyDictionary<string, string>> { ["reportFormats"] = ReportSheet.Formats },
    ];

    /// <summary>Every table by name; two features may share a table (e.g. 相談内容): the first one names it.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All = Features
        .SelectMany(feature => feature)
        .DistinctBy(table => table.Key)
        .ToDictionary(table => table.Key, table => table.Value);
}
