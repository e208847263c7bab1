using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Reports;
using static Jusou.MultiAgency.Reports.CaseConferenceReport;

namespace Jusou.Rules.Tests.MultiAgency;

/// <summary>
/// The arithmetic of ケース共有会議(支援会議) 開催状況 over the database's aggregate rows: 延べ and 実人員 per stream, decisions
/// and 未決定, the profiles of the persons discussed, each breakdown in its code table's order, the fiscal year.
/// </summary>
public class CaseConferenceReportTests
{
    private static readonly DateOnly From = new(2026, 4, 1);
    private static readonly DateOnly To = new(2027, 3, 31);

    private static CaseConferenceReport Report(IReadOnlyList<StreamTotal>? streams = null, IReadOnlyList<DecisionTotal>? decisions = null,
        IReadOnlyList<ProfileTotal>? profiles = null) =>
        Assemble(MeetingCodes.SupportMeeting, 2026, From, To, meetings: 12, streams ?? [], decisions ?? [], profiles ?? []);

    [Fact]
    public void Discussions_add_up_over_the_streams_and_each_stream_keeps_its_persons_counted_once()
    {
        var report = Report(streams: [new(MeetingCodes.CaseSharingStream, 30, 11), new(MeetingCodes.MultiAgencyStream, 9, 4)]);

        Assert.Equal(39, report.Discussions);
        // The streams come in the code table's order whatever order the database answered in.
        Assert.Equal(
            [(MeetingCodes.MultiAgencyStream, "多機関協働事業分", 9, 4), (MeetingCodes.CaseSharingStream, "ケース共有分", 30, 11)],
            report.Streams.Select(s => (s.Code, s.Label, s.Discussions, s.Persons)));
        Assert.Equal(12, report.Meetings);
        Assert.Equal("支援会議", report.MeetingTypeLabel);
    }

    [Fact]
    public void A_stream_nobody_was_discussed_in_is_printed_with_zeros()
    {
        var report = Report(streams: [new(MeetingCodes.CaseSharingStream, 3, 2)]);

        var multiAgency = Assert.Single(report.Streams, s => s.Code == MeetingCodes.MultiAgencyStream);
        Assert.Equal((0, 0), (multiAgency.Discussions, multiAgency.Persons));
        Assert.Equal(3, report.Discussions);
    }

    [Fact]
    public void Items_without_a_decision_are_counted_as_undecided_not_as_a_decision()
    {
        var report = Report(decisions: [new("watch", 5), new(null, 3), new("close", 2)]);

        Assert.Equal(3, report.Undecided);
        Assert.Equal(MeetingCodes.Decisions.Keys, report.Decisions.Select(d => d.Code));
        Assert.Equal(5, report.Decisions.Single(d => d.Code == "watch").Count);
        Assert.Equal(2, report.Decisions.Single(d => d.Code == "close").Count);
        Assert.Equal(0, report.Decisions.Single(d => d.Code == "to_outreach").Count);
        Assert.DoesNotContain(report.Decisions, d => d.Code is null);
    }

    [Fact]
    public void Persons_discussed_add_up_over_the_profiles_and_each_breakdown_adds_up_to_them()
    {
        var report = Report(profiles:
        [
            new("community_general_support_centre", "three_generation", "8050", 4),
            new("community_general_support_centre", null, "8050", 2),
            new(null, "three_generation", "isolation", 1),
        ]);

        Assert.Equal(7, report.CasesDiscussed);
        Assert.Equal(7, report.ReferralRoutes.Sum(r => r.Count));
        Assert.Equal(7, report.HouseholdTypes.Sum(r => r.Count));
        Assert.Equal(7, report.MainConcerns.Sum(r => r.Count));
        Assert.Equal(6, report.ReferralRoutes.Single(r => r.Code == "community_general_support_centre").Count);
        // A profile without the code is printed as 未記入, last.
        Assert.Equal((null, ReportLabels.NotRecorded, 1), (report.ReferralRoutes[^1].Code, report.ReferralRoutes[^1].Label, report.ReferralRoutes[^1].Count));
        Assert.Equal((null, ReportLabels.NotRecorded, 2), (report.HouseholdTypes[^1].Code, report.HouseholdTypes[^1].Label, report.HouseholdTypes[^1].Count));
    }

    [Fact]
    public void Every_code_of_a_table_is_printed_in_its_order_and_a_code_outside_it_after_them_as_itself()
    {
        var report = Report(profiles: [new("a_route_of_2027", null, null, 1), new("community_general_support_centre", null, null, 2)]);

        Assert.Equal(ReportLabels.ReferralRoutes.Keys, report.ReferralRoutes.Take(ReportLabels.ReferralRoutes.Count).Select(r => r.Code));
        var outside = report.ReferralRoutes[ReportLabels.ReferralRoutes.Count];
        Assert.Equal(("a_route_of_2027", "a_route_of_2027", 1), (outside.Code, outside.Label, outside.Count));
        Assert.Equal(ReportLabels.ReferralRoutes.Count + 1, report.ReferralRoutes.Count); // every route was recorded: no 未記入 row
    }

    [Fact]
    public void Nothing_discussed_gives_zeros_everywhere_and_no_not_recorded_row()
    {
        var report = Report();

        Assert.Equal((0, 0, 0), (report.Discussions, report.Undecided, report.CasesDiscussed));
        Assert.All(report.Streams, s => Assert.Equal((0, 0), (s.Discussions, s.Persons)));
        Assert.DoesNotContain(report.ReferralRoutes, r => r.Label == ReportLabels.NotRecorded);
        Assert.All(report.MainConcerns, r => Assert.Equal(0, r.Count));
    }

    [Theory]
    [InlineData("2026-04-01", 2026)]
    [InlineData("2027-03-31", 2026)]
    [InlineData("2027-01-15", 2026)]
    [InlineData("2026-03-31", 2025)]
    public void The_fiscal_year_runs_from_April_to_March(string date, int fiscalYear) =>
        Assert.Equal(fiscalYear, FiscalYearOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_fiscal_year_is_labelled_in_wareki()
    {
        Assert.Equal("令和元年度", Assemble(MeetingCodes.SupportMeeting, 2019, From, To, 0, [], [], []).FiscalYearLabel);
        Assert.Null(Assemble(MeetingCodes.SupportMeeting, null, From, To, 0, [], [], []).FiscalYearLabel);
    }
}
