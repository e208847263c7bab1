using Jusou.MultiAgency.Cases;

namespace Jusou.Rules.Tests.MultiAgency;

/// <summary>The support case's life cycle (受付 → アセスメント → プラン → 支援 → モニタリング, 中断, 終結) on the case itself.</summary>
public class CaseTransitionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private static SupportCase Case(string status = SupportCaseCodes.Received) =>
        new() { TenantCode = "032085", Status = status, Track = SupportCaseCodes.SupportMeetingTrack, OpenedAt = At };

    [Fact]
    public void A_case_opens_at_received_with_that_as_the_first_line_of_its_history_and_announces_it()
    {
        var consultation = Guid.CreateVersion7();
        var supportCase = SupportCase.Open(consultation, personId: null, SupportCaseCodes.SupportMeetingTrack, openedBy: null, by: "intake", At);

        Assert.Equal(SupportCaseCodes.Received, supportCase.Status);
        var first = Assert.Single(supportCase.StatusHistory);
        Assert.Equal((SupportCaseCodes.Received, "intake", At), (first.Status, first.ChangedBy, first.ChangedAt));
        var opened = supportCase.Opened("032085");
        Assert.Equal((supportCase.Id, (Guid?)consultation, SupportCaseCodes.SupportMeetingTrack, "032085", At),
            (opened.CaseId, opened.ConsultationId, opened.Track, opened.TenantCode, opened.OccurredAt));
    }

    public static TheoryData<string, string> Allowed() => new()
    {
        { SupportCaseCodes.Received, SupportCaseCodes.Assessment },
        { SupportCaseCodes.Assessment, SupportCaseCodes.Planning },
        { SupportCaseCodes.Planning, SupportCaseCodes.Supporting },
        { SupportCaseCodes.Supporting, SupportCaseCodes.Monitoring },
        { SupportCaseCodes.Monitoring, SupportCaseCodes.Planning },
        { SupportCaseCodes.Received, SupportCaseCodes.Closed },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void The_life_cycle_allows_its_moves(string from, string to) => Assert.Null(Case(from).RefusalToMove(to));

    [Theory]
    [InlineData(SupportCaseCodes.Received, SupportCaseCodes.Supporting)]
    [InlineData(SupportCaseCodes.Assessment, SupportCaseCodes.Monitoring)]
    [InlineData(SupportCaseCodes.Closed, SupportCaseCodes.Supporting)]
    public void It_refuses_a_skip_and_says_what_is_allowed(string from, string to)
    {
        var refusal = Case(from).RefusalToMove(to);
        Assert.NotNull(refusal);
        Assert.Contains($"to 「{SupportCaseCodes.Statuses[to]}」", refusal);
        Assert.Contains("it may move to:", refusal);
    }

    [Fact]
    public void Staying_put_is_not_a_move() =>
        Assert.Contains("already", Case(SupportCaseCodes.Planning).RefusalToMove(SupportCaseCodes.Planning));

    [Fact]
    public void A_suspended_case_resumes_only_to_where_it_left_or_closes()
    {
        var supportCase = Case(SupportCaseCodes.Supporting);
        supportCase.ChangeStatus(SupportCaseCodes.Suspended, "unreachable", null, null, "coordinator-1", At);
        Assert.Equal(new HashSet<string> { SupportCaseCodes.Supporting, SupportCaseCodes.Closed }, supportCase.AllowedMoves());
        Assert.Contains("resumes to the status it left (supporting)", supportCase.RefusalToMove(SupportCaseCodes.Assessment));

        supportCase.ChangeStatus(SupportCaseCodes.Supporting, null, null, null, "coordinator-1", At.AddDays(7));
        Assert.Null(supportCase.SuspendedFrom);
        Assert.Null(supportCase.SuspensionReason);
    }

    [Fact]
    public void Closing_keeps_the_history_and_ends_every_organisations_part()
    {
        var supportCase = Case(SupportCaseCodes.Monitoring);
        supportCase.Involvements.Add(new CaseInvolvement { CaseId = supportCase.Id, OrganisationCode = "shakyo", Role = "lead" });
        var meeting = Guid.CreateVersion7();

        var change = supportCase.ChangeStatus(SupportCaseCodes.Closed, "goal_achieved", meeting, "自立", "coordinator-1", At);

        Assert.Equal((SupportCaseCodes.Monitoring, SupportCaseCodes.Closed), (change.FromStatus, change.Status));
        Assert.Same(change, Assert.Single(supportCase.StatusHistory));
        Assert.Equal(("goal_achieved", At, meeting), (supportCase.ClosureReason, supportCase.ClosedAt, supportCase.ClosingMeetingId));
        Assert.Empty(supportCase.SharedWith());
        Assert.Equal(SupportCaseCodes.CaseClosed, Assert.Single(supportCase.Involvements).EndReason);
    }

    [Fact]
    public void A_withdrawn_consent_moves_an_open_consented_case_back_to_the_support_meeting_track()
    {
        var supportCase = Case(SupportCaseCodes.Supporting);
        supportCase.Track = SupportCaseCodes.ConsentedTrack;
        supportCase.Involvements.Add(new CaseInvolvement { CaseId = supportCase.Id, OrganisationCode = "shakyo", Role = "lead" });

        Assert.True(supportCase.StopSharingAfterConsentWithdrawn("intake", At, new DateOnly(2026, 12, 1)));
        Assert.Equal(SupportCaseCodes.SupportMeetingTrack, supportCase.Track);
        Assert.Empty(supportCase.SharedWith());
        // Nothing more to stop the second time.
        Assert.False(supportCase.StopSharingAfterConsentWithdrawn("intake", At, new DateOnly(2026, 12, 1)));
    }
}
