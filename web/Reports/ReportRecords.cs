namespace Jusou.Web.Reports;

/// <summary>ケース共有会議(支援会議) 開催状況 as GET /api/multiagency/reports/case-conference answers it.</summary>
public sealed record CaseConferenceReport(
    string MeetingType, string MeetingTypeLabel, int? FiscalYear, DateOnly From, DateOnly To, int Meetings, int Discussions,
    IReadOnlyList<StreamCount> Streams, IReadOnlyList<CodeCount> Decisions, int Undecided, int CasesDiscussed,
    IReadOnlyList<CodeCount> ReferralRoutes, IReadOnlyList<CodeCount> HouseholdTypes, IReadOnlyList<CodeCount> MainConcerns);

public sealed record CodeCount(string? Code, string Label, int Count);

public sealed record StreamCount(string Code, string Label, int Discussions, int Persons);
