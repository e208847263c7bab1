using Jusou.ServiceKit.Messaging;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jusou.Tests.Reliability;

/// <summary>Parked messages can be seen and re-driven by an operator, through the API and in code.</summary>
[Collection(SystemCollection.Name)]
public sealed class ErrorQueueTests(SystemFixture system)
{
    private const string MultiAgencyQueue = "multiagency-consultation-referred";

    [Fact]
    public async Task An_operator_lists_a_parked_message_and_re_drives_it_through_the_API()
    {
        // An event no consumer can handle: its tenant code is not a tenant code.
        var broken = new ConsultationReferred(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "not-a-tenant", Guid.CreateVersion7(), null, null, "consent");
        await system.Publish(broken);

        var ops = system.Gateway(Tenants.Fresh(), JusouRoles.Ops);
        await Eventually.True(async () => await Parked(ops) >= 1, TimeSpan.FromSeconds(40), "the broken event in the error queue");
        var before = await Parked(ops);

        var response = await ops.PostAsync($"/api/multiagency/ops/error-queues/{MultiAgencyQueue}/redrive", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, (await response.ReadObject())["moved"]!.GetValue<int>());

        // Re-driven, it is tried again — and, still broken, parked again: nothing is lost either way.
        await Eventually.True(async () => await Parked(ops) == before, TimeSpan.FromSeconds(40), "the re-driven event tried and parked again");

        Assert.Equal(HttpStatusCode.NotFound, (await ops.PostAsync("/api/multiagency/ops/error-queues/some-other-queue/redrive", null)).StatusCode);
        var coordinator = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/multiagency/ops/error-queues")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"/api/multiagency/ops/error-queues/{MultiAgencyQueue}/redrive", null)).StatusCode);
    }

    [Fact]
    public async Task A_re_driven_message_is_handled_once_its_cause_is_fixed()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var serviceName = $"test-redrive-{Guid.NewGuid():N}"[..30];
        using var host = await MessagingTestHost.Build(system, database, serviceName, withConsumers: true);
        await host.StartAsync();
        var tenant = Tenants.Fresh();
        var referral = new ConsultationReferred(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, Guid.CreateVersion7(), null, "debt", "consent");
        ReceiptConsumer.Refuse(referral.ConsultationId);

        await host.Services.GetRequiredService<IBus>().Publish(referral, context => context.MessageId = referral.EventId);
        var errorQueues = host.Services.GetRequiredService<ErrorQueues>();
        var queue = $"{serviceName}-receipt";
        await Eventually.True(async () => (await errorQueues.ListAsync(default)).Single(q => q.Queue == queue).Messages == 1,
            TimeSpan.FromSeconds(40), "the refused message parked");

        ReceiptConsumer.Accept(referral.ConsultationId); // the operator fixed the cause
        Assert.Equal(1, await errorQueues.RedriveAsync(queue, limit: 10, default));

        await Eventually.True(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
            db.Tenant.Use(tenant);
            return await db.Receipts.CountAsync(r => r.ConsultationId == referral.ConsultationId) == 1;
        }, TimeSpan.FromSeconds(20), "the re-driven message handled");
        Assert.Equal(0u, (await errorQueues.ListAsync(default)).Single(q => q.Queue == queue).Messages);
        await host.StopAsync();
    }

    private static async Task<int> Parked(HttpClient ops)
    {
        var queues = await ops.GetFromJsonAsync<JsonArray>("/api/multiagency/ops/error-queues");
        return queues!.Single(q => q!["queue"]!.GetValue<string>() == MultiAgencyQueue)!["messages"]!.GetValue<int>();
    }

}
