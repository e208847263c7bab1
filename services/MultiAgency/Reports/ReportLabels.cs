using Jusou.Contracts.Codes;

namespace Jusou.MultiAgency.Reports;

/// <summary>
/// Japanese labels of the codes a support case carries from Intake (相談経路, 世帯類型, 相談内容), for the printed report.
/// Intake owns these tables (GET /api/intake/codes); the codes travel in ConsultationReferred, the labels are repeated
/// here because a service reads no other service's database. A code not listed here is printed as itself.
/// </summary>
public static class ReportLabels
{
    /// <summary>The label of a missing code: the case was referred without it.</summary>
    public const string NotRecorded = "未記入";

    public static readonly IReadOnlyDictionary<string, string> ReferralRoutes = ProgrammeCodes.ReferralRoutes;

    public static readonly IReadOnlyDictionary<string, string> HouseholdTypes = ProgrammeCodes.HouseholdTypes;

    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;
}
