using Jusou.MultiAgency.Meetings;

namespace Jusou.MultiAgency.Reports;

/// <summary>One row of a breakdown: a code (null = not recorded), its label and how many.</summary>
public sealed record CodeCount(string? Code, string Label, int Count);

/// <summary>検討件数 of one stream: 延べ (every discussion) and 実人員 (distinct persons, or cases where no person is known).</summary>
public sealed record StreamCount(string Code, string Label, int Discussions, int Persons);

/// <summary>
/// ケース共有会議(支援会議) 開催状況, the report Tono already files each fiscal year (docs/architecture.md#glossary), for any period and meeting
/// type: 開催回数; 検討件数 per stream; 検討結果; and 相談経路, 世帯類型, 相談内容(主なもの) of the persons discussed, each once.
/// </summary>
public sealed record CaseConferenceReport(
    string MeetingType,
    string MeetingTypeLabel,
    int? FiscalYear,
    DateOnly From,
    DateOnly To,
    int Meetings,
    int Discussions,
    IReadOnlyList<StreamCount> Streams,
    IReadOnlyList<CodeCount> Decisions,
    int Undecided,
    int CasesDiscussed,
    IReadOnlyList<CodeCount> ReferralRoutes,
    IReadOnlyList<CodeCount> HouseholdTypes,
    IReadOnlyList<CodeCount> MainConcerns)
{
    /// <summary>The fiscal year in 和暦 (令和元年度 for 2019), when the report is for one.</summary>
    public string? FiscalYearLabel => FiscalYear is { } year ? JapanDate.WarekiFiscalYear(year) : null;

    /// <summary>
    /// Computes the report in the database: every figure is a GROUP BY over the discussion items of the period (one index
    /// range), so only aggregate rows travel, however many cases there are.
    /// </summary>
    public static async Task<CaseConferenceReport> ComputeAsync(MultiAgencyDbContext db, string meetingType, int? fiscalYear,
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // One snapshot for every figure (they add up even while meetings are being recorded), and room to aggregate in
        // memory: with the default work_mem (4 MB) the 実人員 aggregate over a year of a large municipality (1,000,000
        // items) sorted on disk. SET LOCAL ends with this read-only transaction (docs/performance-notes.md, P5).
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '32MB'", cancellationToken);

        var meetings = await db.Meetings.CountAsync(m => m.Type == meetingType && m.Date >= from && m.Date <= to, cancellationToken);

        // 実人員 per stream: first one row per (stream, person), then count those rows; a hash aggregate in two steps is
        // much cheaper than COUNT(DISTINCT), which sorts every item. Raw SQL, so the tenant is stated here explicitly.
        var tenant = db.Tenant.Required;
        var streams = await db.Database.SqlQuery<StreamTotal>($"""
            SELECT per_person.stream AS stream, sum(per_person.discussions)::int AS discussions, count(*)::int AS persons
            FROM (SELECT i.stream, coalesce(c.person_id, c.id) AS person_key, count(*) AS discussions
                  FROM meeting_items i
                  JOIN support_cases c ON c.id = i.case_id AND c.tenant_code = i.tenant_code
                  WHERE i.tenant_code = {tenant} AND i.meeting_type = {meetingType}
                    AND i.meeting_date >= {from} AND i.meeting_date <= {to}
                  GROUP BY i.stream, coalesce(c.person_id, c.id)) AS per_person
            GROUP BY per_person.stream
            """).ToListAsync(cancellationToken);

        var items = db.MeetingItems.Where(i => i.MeetingType == meetingType && i.MeetingDate >= from && i.MeetingDate <= to);
        var decisions = await items.GroupBy(i => i.Decision)
            .Select(g => new { Decision = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        // Each person discussed in the period counts once (実人員), whatever the number of discussions or of their cases:
        // their newest case discussed gives the profile. A case without a known person is a person of its own.
        // DISTINCT ON keeps the newest case per person in one sort; the anti-join EF wrote for "no newer case of the same
        // person" hashed every discussed case twice (about twice the time over 100,000 cases).
        var profiles = await db.Database.SqlQuery<ProfileTotal>($"""
            SELECT newest.referral_route, newest.household_type, newest.main_concern, count(*)::int AS cases
            FROM (SELECT DISTINCT ON (coalesce(c.person_id, c.id)) c.referral_route, c.household_type, c.main_concern
                  FROM support_cases c
                  WHERE c.tenant_code = {tenant}
                    AND c.id IN (SELECT i.case_id FROM meeting_items i
                                 WHERE i.tenant_code = {tenant} AND i.meeting_type = {meetingType}
                                   AND i.meeting_date >= {from} AND i.meeting_date <= {to})
                  ORDER BY coalesce(c.person_id, c.id), c.id DESC) AS newest
            GROUP BY newest.referral_route, newest.household_type, newest.main_concern
            """).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Assemble(meetingType, fiscalYear, from, to, meetings, streams,
            decisions.Select(d => new DecisionTotal(d.Decision, d.Count)).ToList(), profiles);
    }

    /// <summary>A stream's aggregate row: 延べ discussions and 実人員 persons (read by SqlQuery: columns are the snake_case of the properties).</summary>
    public sealed record StreamTotal(string Stream, int Discussions, int Persons);

    /// <summary>How many items got a decision (null: none recorded yet).</summary>
    public sealed record DecisionTotal(string? Decision, int Count);

    /// <summary>How many persons discussed share one profile, each person once by their newest case discussed (read by SqlQuery).</summary>
    public sealed record ProfileTotal(string? ReferralRoute, string? HouseholdType, string? MainConcern, int Cases);

    /// <summary>
    /// The report's arithmetic over the database's aggregate rows: every stream of the table in its order (zeros too),
    /// 延べ = the streams' discussions added up, 未決定 = items without a decision, 実人員 = the profiles' persons added up,
    /// and each breakdown in its code table's order.
    /// </summary>
    public static CaseConferenceReport Assemble(string meetingType, int? fiscalYear, DateOnly from, DateOnly to, int meetings,
        IReadOnlyList<StreamTotal> streams, IReadOnlyList<DecisionTotal> decisions, IReadOnlyList<ProfileTotal> profiles) =>
        new(
            meetingType,
            MeetingCodes.Types[meetingType],
            fiscalYear,
            from,
            to,
            meetings,
            streams.Sum(s => s.Discussions),
            MeetingCodes.Streams.Select(s =>
            {
                var row = streams.FirstOrDefault(r => r.Stream == s.Key);
                return new StreamCount(s.Key, s.Value, row?.Discussions ?? 0, row?.Persons ?? 0);
            }).ToList(),
            Breakdown(MeetingCodes.Decisions, decisions.Where(d => d.Decision is not null).Select(d => (d.Decision, d.Count))),
            decisions.Where(d => d.Decision is null).Sum(d => d.Count),
            profiles.Sum(p => p.Cases),
            Breakdown(ReportLabels.ReferralRoutes, profiles.Select(p => (p.ReferralRoute, p.Cases))),
            Breakdown(ReportLabels.HouseholdTypes, profiles.Select(p => (p.HouseholdType, p.Cases))),
            Breakdown(ReportLabels.Concerns, profiles.Select(p => (p.MainConcern, p.Cases))));

    /// <summary>Every code of the table in its order (zeros too), then codes outside the table, then 未記入 if any.</summary>
    private static List<CodeCount> Breakdown(IReadOnlyDictionary<string, string> table, IEnumerable<(string? Code, int Count)> counts)
    {
        var totals = new Dictionary<string, int>();
        var notRecorded = 0;
        foreach (var (code, count) in counts)
        {
            if (code is null) notRecorded += count;
            else totals[code] = totals.GetValueOrDefault(code) + count;
        }
        var rows = table.Select(entry => new CodeCount(entry.Key, entry.Value, totals.GetValueOrDefault(entry.Key))).ToList();
        rows.AddRange(totals.Where(t => !table.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new CodeCount(t.Key, t.Key, t.Value)));
        if (notRecorded > 0) rows.Add(new CodeCount(null, ReportLabels.NotRecorded, notRecorded));
        return rows;
    }

    /// <summary>The Japanese fiscal year (April–March) a date falls in.</summary>
    public static int FiscalYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;
}
