using Jusou.MultiAgency.Cases;

namespace Jusou.Tests.MultiAgency.Cases;

// Pure unit tests of the case lifecycle rule on SupportCase: no SystemFixture, nothing is started.
public class SupportCaseLifecycleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private static SupportCase At_(string status)
    {
        var supportCase = new SupportCase();
        foreach (var step in PathTo(status)) supportCase.ChangeStatus(step, step == SupportCaseCodes.Closed ? "goal_achieved" : null, null, null, "c", At);
        Assert.Equal(status, supportCase.Status);
        return supportCase;
    }

    private static string[] PathTo(string status) => status switch
    {
        SupportCaseCodes.Received => [],
        SupportCaseCodes.Assessment => [SupportCaseCodes.Assessment],
        SupportCaseCodes.Planning => [SupportCaseCodes.Assessment, SupportCaseCodes.Planning],
        SupportCaseCodes.Supporting => [SupportCaseCodes.Assessment, SupportCaseCodes.Planning, SupportCaseCodes.Supporting],
        SupportCaseCodes.Monitoring => [SupportCaseCodes.Assessment, SupportCaseCodes.Planning, SupportCaseCodes.Supporting, SupportCaseCodes.Monitoring],
        SupportCaseCodes.Closed => [SupportCaseCodes.Closed],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static TheoryData<string> OpenStatuses => new()
    {
        SupportCaseCodes.Received, SupportCaseCodes.Assessment, SupportCaseCodes.Planning, SupportCaseCodes.Supporting, SupportCaseCodes.Monitoring,
    };

    [Theory]
    [MemberData(nameof(OpenStatuses))]
    public void Every_open_status_may_be_suspended_and_resumes_only_to_itself(string status)
    {
        var supportCase = At_(status);
        Assert.Null(supportCase.RefusalToMove(SupportCaseCodes.Suspended));

        supportCase.ChangeStatus(SupportCaseCodes.Suspended, "hospitalised", null, null, "c", At);
        Assert.Equal(status, supportCase.SuspendedFrom);
        Assert.Equal("hospitalised", supportCase.SuspensionReason);
        Assert.Equal(new HashSet<string> { status, SupportCaseCodes.Closed }, supportCase.AllowedMoves());
        Assert.Null(supportCase.RefusalToMove(status));
        Assert.Null(supportCase.RefusalToMove(SupportCaseCodes.Closed));
        foreach (var other in SupportCaseCodes.Statuses.Keys.Where(s => s != status && s != SupportCaseCodes.Closed))
        {
            var refusal = supportCase.RefusalToMove(other);
            Assert.NotNull(refusal);
            Assert.Contains("(suspended)", refusal);
        }

        supportCase.ChangeStatus(status, null, null, null, "c", At);
        Assert.Equal(status, supportCase.Status);
        Assert.Null(supportCase.SuspendedFrom);
        Assert.Null(supportCase.SuspensionReason);
        Assert.Equal(SupportCaseCodes.Transitions[status], supportCase.AllowedMoves());
    }

    [Fact]
    public void A_closed_case_cannot_be_suspended_and_a_suspended_one_may_close()
    {
        Assert.NotNull(At_(SupportCaseCodes.Closed).RefusalToMove(SupportCaseCodes.Suspended));

        var supportCase = At_(SupportCaseCodes.Supporting);
        supportCase.ChangeStatus(SupportCaseCodes.Suspended, "person_request", null, null, "c", At);
        supportCase.ChangeStatus(SupportCaseCodes.Closed, "moved_out", null, null, "c", At);
        Assert.Equal("moved_out", supportCase.ClosureReason);
        Assert.Null(supportCase.SuspendedFrom);
        Assert.Null(supportCase.SuspensionReason);
        Assert.Equal([SupportCaseCodes.Assessment], supportCase.AllowedMoves());
    }

    [Fact]
    public void A_suspended_case_cannot_be_suspended_again()
    {
        var supportCase = At_(SupportCaseCodes.Assessment);
        supportCase.ChangeStatus(SupportCaseCodes.Suspended, "no_contact", null, null, "c", At);
        Assert.Contains("already", supportCase.RefusalToMove(SupportCaseCodes.Suspended));
    }

    [Fact]
    public void The_history_keeps_the_suspension_and_its_reason()
    {
        var supportCase = At_(SupportCaseCodes.Planning);
        supportCase.ChangeStatus(SupportCaseCodes.Suspended, "institutionalised", null, "ショートステイ", "c", At);
        supportCase.ChangeStatus(SupportCaseCodes.Planning, null, null, null, "c", At);
        var suspension = supportCase.StatusHistory[^2];
        Assert.Equal((SupportCaseCodes.Planning, SupportCaseCodes.Suspended, "institutionalised"), (suspension.FromStatus, suspension.Status, suspension.Reason));
        Assert.Equal((SupportCaseCodes.Suspended, SupportCaseCodes.Planning), (supportCase.StatusHistory[^1].FromStatus, supportCase.StatusHistory[^1].Status));
    }

    [Fact]
    public void Every_status_has_a_label_and_a_transition_entry()
    {
        Assert.Equal(SupportCaseCodes.Statuses.Keys.Order(), SupportCaseCodes.Transitions.Keys.Order());
        Assert.All(SupportCaseCodes.Transitions.Values.SelectMany(t => t), to => Assert.True(SupportCaseCodes.Statuses.ContainsKey(to), to));
    }
}
