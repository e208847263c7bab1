using Jusou.Intake.Referrals;

namespace Jusou.Tests.Intake;

// Pure unit tests of the referral's closed-loop table (Referral.Transitions): no SystemFixture, nothing is started.
public class ReferralTransitionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly string[] Statuses =
    [
        Referral.Requested, Referral.Accepted, Referral.Rejected, Referral.Cancelled, Referral.InProgress, Referral.OnHold, Referral.Completed,
        Referral.Failed,
    ];

    /// <summary>The FHIR SDOH closed loop, written out independently of the table under test: (from, to, who).</summary>
    public static TheoryData<string, string, ReferralParty> Allowed => new()
    {
        { "requested", "accepted", ReferralParty.Receiver },
        { "requested", "rejected", ReferralParty.Receiver },
        { "requested", "cancelled", ReferralParty.Sender },
        { "accepted", "in_progress", ReferralParty.Receiver },
        { "accepted", "on_hold", ReferralParty.Receiver },
        { "accepted", "completed", ReferralParty.Receiver },
        { "accepted", "failed", ReferralParty.Receiver },
        { "accepted", "cancelled", ReferralParty.Sender },
        { "in_progress", "on_hold", ReferralParty.Receiver },
        { "in_progress", "completed", ReferralParty.Receiver },
        { "in_progress", "failed", ReferralParty.Receiver },
        { "in_progress", "cancelled", ReferralParty.Sender },
        { "on_hold", "in_progress", ReferralParty.Receiver },
        { "on_hold", "failed", ReferralParty.Receiver },
        { "on_hold", "cancelled", ReferralParty.Sender },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_move_is_made_by_its_party_only(string from, string to, ReferralParty party)
    {
        Assert.Equal(party, Referral.WhoMayMove(from, to));

        var referral = At_(from);
        var other = party == ReferralParty.Receiver ? ReferralParty.Sender : ReferralParty.Receiver;
        var (none, refusal) = referral.Move(to, other, null, null, null, "x", At);
        Assert.Null(none);
        Assert.True(refusal!.WrongParty);
        Assert.Equal(from, referral.Status);

        var (change, accepted) = referral.Move(to, party, "ok", to == Referral.Completed ? "service_started" : null, null, "y", At);
        Assert.Null(accepted);
        Assert.Equal((from, to, party == ReferralParty.Receiver ? "receiver" : "sender"), (change!.FromStatus, change.Status, change.Party));
        Assert.Equal(to, referral.Status);
    }

    [Fact]
    public void Every_other_move_is_refused_by_everyone_naming_the_current_status()
    {
        var allowed = Allowed.Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var refused = 0;
        foreach (var from in Statuses)
            foreach (var to in Statuses.Where(to => !allowed.Contains((from, to))))
            {
                Assert.Null(Referral.WhoMayMove(from, to));
                foreach (var party in new[] { ReferralParty.Receiver, ReferralParty.Sender })
                {
                    var referral = At_(from);
                    var (change, refusal) = referral.Move(to, party, null, null, null, "x", At);
                    Assert.Null(change);
                    Assert.False(refusal!.WrongParty);
                    Assert.Contains($"'{from}'", refusal.Detail);
                    Assert.Equal(from, referral.Status);
                }
                refused++;
            }
        Assert.Equal(Statuses.Length * Statuses.Length - allowed.Count, refused);
    }

    [Fact]
    public void Rejected_cancelled_completed_and_failed_are_final()
    {
        Assert.All(Statuses, s => Assert.Equal(s is "rejected" or "cancelled" or "completed" or "failed", Referral.IsFinal(s)));
        Assert.All(Referral.Transitions.Keys, k => Assert.False(Referral.IsFinal(k.From)));
    }

    [Fact]
    public void Completing_keeps_the_output_and_the_history_every_move()
    {
        var referral = new Referral { OrganisationCode = "tono-shakyo" };
        referral.Move(Referral.Accepted, ReferralParty.Receiver, "担当を決めました", null, null, "staff-1", At);
        referral.Move(Referral.InProgress, ReferralParty.Receiver, null, null, null, "staff-1", At.AddDays(1));
        referral.Move(Referral.Completed, ReferralParty.Receiver, null, "application_made", "生活福祉資金の申請", "staff-1", At.AddDays(2));
        Assert.Equal(("application_made", "生活福祉資金の申請", At.AddDays(2)), (referral.OutputCode, referral.OutputNote, referral.DoneAt));
        Assert.Equal(["accepted", "in_progress", "completed"], referral.History.Select(h => h.Status));
        Assert.Equal("staff-1", referral.AnsweredBy);
    }

    [Fact]
    public void The_old_codes_map_to_the_new_vocabulary()
    {
        Assert.Equal(Referral.Requested, Referral.LegacyStatuses["sent"]);
        Assert.Equal(Referral.Completed, Referral.LegacyStatuses["done"]);
        Assert.Equal(Referral.Completed, new ReferralAnswer("done", OutputCode: "other").Target());
        Assert.True(new ReferralAnswer("done", OutputCode: "other").Validate().IsValid);
        Assert.False(new ReferralAnswer("done").Validate().IsValid);
    }

    /// <summary>A referral brought to <paramref name="status"/> along allowed moves.</summary>
    private static Referral At_(string status)
    {
        var referral = new Referral { OrganisationCode = "org" };
        string[] path = status switch
        {
            Referral.Requested => [],
            Referral.Accepted => [Referral.Accepted],
            Referral.Rejected => [Referral.Rejected],
            Referral.Cancelled => [Referral.Cancelled],
            Referral.InProgress => [Referral.Accepted, Referral.InProgress],
            Referral.OnHold => [Referral.Accepted, Referral.OnHold],
            Referral.Completed => [Referral.Accepted, Referral.Completed],
            Referral.Failed => [Referral.Accepted, Referral.Failed],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            var (_, refusal) = referral.Move(step, Referral.WhoMayMove(referral.Status, step)!.Value, null,
                step == Referral.Completed ? "other" : null, null, "x", At);
            Assert.Null(refusal);
        }
        Assert.Equal(status, referral.Status);
        return referral;
    }
}
