using Jusou.Intake.Consultations;

namespace Jusou.Tests.Intake;

// Pure unit tests of how a consultation records its case's closure and reopening: no SystemFixture, nothing is started.
public class SupportCaseClosureTests
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateTimeOffset Reopened = Closed.AddDays(10);

    [Fact]
    public void A_reopen_after_the_closure_takes_it_back_whichever_arrives_first()
    {
        var inOrder = new Consultation();
        inOrder.RecordSupportCaseClosed(Closed, "declined");
        inOrder.RecordSupportCaseReopened(Reopened);
        var reversed = new Consultation();
        reversed.RecordSupportCaseReopened(Reopened);
        reversed.RecordSupportCaseClosed(Closed, "declined");

        foreach (var consultation in new[] { inOrder, reversed })
        {
            Assert.Null(consultation.SupportCaseClosedAt);
            Assert.Null(consultation.SupportCaseClosureReason);
        }
    }

    [Fact]
    public void A_closure_after_the_reopen_stands()
    {
        var consultation = new Consultation();
        consultation.RecordSupportCaseClosed(Closed, "declined");
        consultation.RecordSupportCaseReopened(Reopened);
        consultation.RecordSupportCaseClosed(Reopened.AddDays(30), "goal_achieved");
        consultation.RecordSupportCaseReopened(Reopened); // delivered again: changes nothing

        Assert.Equal(Reopened.AddDays(30), consultation.SupportCaseClosedAt);
        Assert.Equal("goal_achieved", consultation.SupportCaseClosureReason);
    }
}
