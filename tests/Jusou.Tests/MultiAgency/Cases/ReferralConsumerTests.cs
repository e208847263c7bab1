using Jusou.Contracts.Intake;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>
/// The referral consumer reads nothing before opening a case: the unique index on (tenant, consultation) is what keeps a
/// consultation to one case, and a refused second referral is still recorded as handled (not retried, not parked).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReferralConsumerTests(SystemFixture system)
{
    [Fact]
    public async Task Two_referrals_of_one_consultation_and_a_redelivery_open_one_case_and_are_all_handled()
    {
        var tenant = Tenants.Fresh();
        var consultationId = Guid.CreateVersion7();
        var first = new ConsultationReferred(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, consultationId, null, "social_isolation", "support_meeting");
        var second = first with { EventId = Guid.CreateVersion7() };

        await system.Publish(first, second, first);

        await Eventually.True(async () => await Sql.Count(system, "multiagencydb",
                "SELECT count(*) FROM inbox_messages WHERE consumer = 'ConsultationReferredConsumer' AND message_id = ANY($1)",
                new[] { first.EventId, second.EventId }) == 2,
            TimeSpan.FromSeconds(20), "both referrals recorded as handled");
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM support_cases WHERE tenant_code = $1 AND consultation_id = $2", tenant, consultationId));
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = 'Jusou.Contracts.MultiAgency.SupportCaseOpened'", tenant));
    }
}
