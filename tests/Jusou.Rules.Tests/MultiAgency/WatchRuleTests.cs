using Jusou.MultiAgency.Watch;

namespace Jusou.Rules.Tests.MultiAgency;

/// <summary>
/// The 制度切れ watch's rules on the tenant's settings: which days a rule looks at, when an alert is due, and what makes
/// two alerts the same occurrence (raised once) or a new one (raised again).
/// </summary>
public class WatchRuleTests
{
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);
    private static readonly WatchRules Rules = new() { NoContactDays = 60, SupportEndingWindowDays = 30, UnansweredDays = 14 };

    [Fact]
    public void A_support_ending_is_announced_from_today_to_the_last_day_of_the_window_both_included()
    {
        var (from, to) = Rules.SupportEndingWindow(new DateOnly(2026, 12, 1));

        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), (from, to));
    }

    [Fact]
    public void A_case_is_too_quiet_once_its_last_activity_is_older_than_the_no_contact_days_and_due_on_that_day_in_Japan()
    {
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, Japan);

        Assert.Equal(now.AddDays(-60), Rules.QuietSince(now));
        // Last active at 23:30 on 1 October in Japan (14:30 UTC): sixty days later is 30 November in Japan, not in UTC's date.
        var lastActive = new DateTimeOffset(2026, 10, 1, 14, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 11, 30), Rules.NoContactDueOn(lastActive));
    }

    [Fact]
    public void A_hand_off_is_unanswered_after_the_unanswered_days_counted_from_its_sending()
    {
        var now = new DateTimeOffset(2026, 12, 15, 9, 0, 0, Japan);
        var sentAt = new DateTimeOffset(2026, 12, 1, 0, 30, 0, Japan); // 15:30 UTC on 30 November

        Assert.Equal(now.AddDays(-14), Rules.AnswerDue(now));
        Assert.True(sentAt <= Rules.AnswerDue(now));
        Assert.Equal(new DateOnly(2026, 12, 15), Rules.AnswerDueOn(sentAt));
    }

    [Fact]
    public void A_new_end_date_of_the_same_support_is_a_new_occurrence()
    {
        var support = Guid.CreateVersion7();

        Assert.Equal(WatchRules.OccurrenceKey.SupportEnding(support, new DateOnly(2027, 1, 31)),
            WatchRules.OccurrenceKey.SupportEnding(support, new DateOnly(2027, 1, 31)));
        Assert.NotEqual(WatchRules.OccurrenceKey.SupportEnding(support, new DateOnly(2027, 1, 31)),
            WatchRules.OccurrenceKey.SupportEnding(support, new DateOnly(2027, 3, 31)));
        Assert.NotEqual(WatchRules.OccurrenceKey.SupportEnding(support, new DateOnly(2027, 1, 31)),
            WatchRules.OccurrenceKey.SupportEnding(Guid.CreateVersion7(), new DateOnly(2027, 1, 31)));
    }

    [Fact]
    public void One_silence_raises_one_alert_and_activity_followed_by_a_new_silence_raises_another()
    {
        var lastActive = new DateTimeOffset(2026, 10, 1, 10, 0, 0, Japan);

        // The same instant written in another offset is the same silence.
        Assert.Equal(WatchRules.OccurrenceKey.NoContact(lastActive), WatchRules.OccurrenceKey.NoContact(lastActive.ToUniversalTime()));
        Assert.NotEqual(WatchRules.OccurrenceKey.NoContact(lastActive), WatchRules.OccurrenceKey.NoContact(lastActive.AddMicroseconds(1)));
    }

    [Fact]
    public void A_hand_off_sent_again_is_a_new_occurrence_and_a_referral_is_one_whatever_the_day()
    {
        var action = Guid.CreateVersion7();
        var sentAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, Japan);

        Assert.NotEqual(WatchRules.OccurrenceKey.ActionUnanswered(action, sentAt), WatchRules.OccurrenceKey.ActionUnanswered(action, sentAt.AddDays(3)));
        var referral = Guid.CreateVersion7();
        Assert.Equal(WatchRules.OccurrenceKey.ReferralUnanswered(referral), WatchRules.OccurrenceKey.ReferralUnanswered(referral));
        var plan = Guid.CreateVersion7();
        Assert.NotEqual(WatchRules.OccurrenceKey.PlanReviewOverdue(plan, new DateOnly(2027, 2, 28)),
            WatchRules.OccurrenceKey.PlanReviewOverdue(plan, new DateOnly(2027, 5, 31)));
    }

    [Fact]
    public void The_defaults_are_those_of_the_programme_until_a_tenant_saves_its_own()
    {
        var defaults = new WatchRules();

        Assert.Equal([18, 40, 65], defaults.AgeThresholds);
        Assert.Equal((90, 60, 30, 14), (defaults.AgeWindowDays, defaults.NoContactDays, defaults.SupportEndingWindowDays, defaults.UnansweredDays));
    }
}
