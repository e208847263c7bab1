using Jusou.ServiceKit.Messaging;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.Contracts;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Jusou.Tests.Integrators;

/// <summary>
/// Integrators subscribe per municipality on the real broker: an account made by <c>./jusou integrator-account</c>
/// receives its own municipality's events on the topic exchange and the broker refuses it everything else — another
/// municipality's routing keys, the services' own exchanges and queues, other accounts' queue names, publishing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class TenantSubscriberTests(SystemFixture system)
{
    [Fact]
    public async Task An_account_receives_its_own_municipalitys_events_and_none_of_another_municipalitys()
    {
        var (tenantA, tenantB) = (Tenants.Fresh(), Tenants.Fresh());
        var a = await Account(tenantA, "cases");
        var b = await Account(tenantB, "cases");
        await using var connectionA = await Connect(a);
        await using var connectionB = await Connect(b);
        var queueA = await Subscribe(connectionA, a.Queue("all"), $"{tenantA}.#");
        var queueB = await Subscribe(connectionB, b.Queue("all"), $"{tenantB}.#");

        // B's case first, then A's: by the time A's event arrives, B's have long been published.
        var consultationB = await system.Gateway(tenantB, JusouRoles.IntakeWorker).ReferConsultation();
        var receivedB = await ReceiveUntil(connectionB, queueB, e => e.Event["consultationId"]?.GetValue<string>() == consultationB.ToString()
                                                                  && e.RoutingKey.EndsWith(EventNames.Of(typeof(SupportCaseOpened)), StringComparison.Ordinal));
        var consultationA = await system.Gateway(tenantA, JusouRoles.IntakeWorker).ReferConsultation();
        var receivedA = await ReceiveUntil(connectionA, queueA, e => e.Event["consultationId"]?.GetValue<string>() == consultationA.ToString()
                                                                  && e.RoutingKey.EndsWith(EventNames.Of(typeof(SupportCaseOpened)), StringComparison.Ordinal));

        foreach (var (tenant, received) in new[] { (tenantA, receivedA), (tenantB, receivedB) })
        {
            Assert.All(received, e =>
            {
                Assert.StartsWith($"{tenant}.", e.RoutingKey, StringComparison.Ordinal);
                Assert.Equal(tenant, e.Event["tenantCode"]!.GetValue<string>());
            });
            // The intake's referral and the case it opened, each under its stable name.
            Assert.Contains(received, e => e.RoutingKey == EventNames.RoutingKey(tenant, typeof(ConsultationReferred)));
            Assert.Contains(received, e => e.RoutingKey == EventNames.RoutingKey(tenant, typeof(SupportCaseOpened)));
        }
    }

    [Fact]
    public async Task The_broker_refuses_an_account_anything_outside_its_own_municipality()
    {
        var tenant = Tenants.Fresh();
        var other = Tenants.Fresh();
        var account = await Account(tenant, "probe");
        await using var connection = await Connect(account);
        var queue = await Subscribe(connection, account.Queue("mine"), $"{tenant}.intake.#");

        // Another municipality's events, all municipalities' events, or every tenant's one event: refused at the binding.
        foreach (var key in new[] { $"{other}.#", "#", "*.intake.consultation-referred.v1", $"{other}.multiagency.support-case-opened.v1" })
        {
            await AssertRefused(connection, channel => channel.QueueBindAsync(queue, EventNames.Exchange, key), $"binding {key}");
        }
        // The services' own exchanges and queues, another account's queue name, the default exchange, publishing.
        await AssertRefused(connection, channel => channel.QueueBindAsync(queue, "Jusou.Contracts.Intake:ConsultationReferred", ""), "binding a service exchange");
        await AssertRefused(connection, channel => channel.QueueDeclareAsync($"integrator.{other}.probe.mine", durable: true, exclusive: false, autoDelete: false),
            "declaring another municipality's queue");
        await AssertRefused(connection, channel => channel.BasicConsumeAsync("multiagency-consultation-referred", autoAck: false, new AsyncEventingBasicConsumer(channel)),
            "consuming a service's queue");
        await AssertRefused(connection, channel => channel.BasicGetAsync("multiagency-consultation-referred", autoAck: false), "reading a service's queue");
        await AssertRefused(connection, async channel =>
        {
            await channel.BasicPublishAsync(EventNames.Exchange, $"{tenant}.intake.consultation-referred.v1", mandatory: false,
                new BasicProperties(), Encoding.UTF8.GetBytes("{}"));
        }, "publishing to the events exchange", confirms: true);

        // Its own binding still works after all that.
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueBindAsync(queue, EventNames.Exchange, $"{tenant}.multiagency.support-case-opened.v1");
    }

    [Fact]
    public async Task Issuing_the_account_again_changes_its_password_and_bad_input_is_refused_plainly()
    {
        var tenant = Tenants.Fresh();
        var first = await Account(tenant, "rotate");
        var second = await Account(tenant, "rotate");
        Assert.NotEqual(first.Password, second.Password);
        var stale = await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(first));
        Assert.IsAssignableFrom<AuthenticationFailureException>(stale.InnerException);
        await using var connection = await Connect(second);
        Assert.True(connection.IsOpen);

        var (status, _, error) = await IntegratorAccountCommand(["032086", "x"]);
        Assert.Equal(2, status);
        Assert.Contains("全国地方公共団体コード", error);
        (status, _, error) = await IntegratorAccountCommand([tenant, "Not A Name"]);
        Assert.Equal(2, status);
        Assert.Contains("is not a name", error);
    }

    [Fact]
    public async Task The_python_example_subscribes_with_an_account_and_prints_its_municipalitys_event()
    {
        var tenant = Tenants.Fresh();
        var account = await Account(tenant, "example");
        var script = new ProcessStartInfo("/usr/bin/python3",
            [Path.Combine(Repository.Root, "docs", "events", "examples", "subscribe.py"), $"{tenant}.multiagency.#"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["JUSOU_AMQP_URL"] = account.AmqpUrl, ["JUSOU_QUEUE"] = account.Queue("cases"),
                ["WAIT_SECONDS"] = "60", ["MESSAGES"] = "50",
            },
        };
        using var subscriber = Process.Start(script)!;
        try
        {
            var subscribed = await subscriber.StandardError.ReadLineAsync();
            Assert.True(subscribed?.StartsWith("subscribed:") == true, $"the example did not subscribe: {subscribed}");
            var consultationId = await system.Gateway(tenant, JusouRoles.IntakeWorker).ReferConsultation();

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            JsonObject? opened = null;
            while (opened is null && await subscriber.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var message = JsonNode.Parse(line)!.AsObject();
                Assert.StartsWith($"{tenant}.multiagency.", message["routingKey"]!.GetValue<string>(), StringComparison.Ordinal);
                if (message["event"]!["consultationId"]?.GetValue<string>() == consultationId.ToString()) opened = message;
            }
            Assert.NotNull(opened);
            Assert.Equal(EventNames.RoutingKey(tenant, typeof(SupportCaseOpened)), opened["routingKey"]!.GetValue<string>());
            Assert.Equal(tenant, opened["event"]!["tenantCode"]!.GetValue<string>());
            Assert.Equal("support_meeting", opened["event"]!["track"]!.GetValue<string>());
        }
        finally
        {
            if (!subscriber.HasExited) subscriber.Kill(entireProcessTree: true);
        }

        // The example refuses plainly what the broker refuses.
        script.ArgumentList[1] = $"{Tenants.Ina}.#";
        using var refused = Process.Start(script)!;
        var refusal = await refused.StandardError.ReadToEndAsync();
        await refused.WaitForExitAsync();
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("ACCESS_REFUSED", refusal);
    }

    private sealed record IntegratorAccount(string User, string Password, string QueuePrefix, string AmqpUrl)
    {
        public string Queue(string name) => QueuePrefix + name;
    }

    private sealed record Received(string RoutingKey, JsonObject Event);

    /// <summary>An account made the way operators make one: the documented command against the broker's management API.</summary>
    private async Task<IntegratorAccount> Account(string tenant, string name)
    {
        var (status, output, error) = await IntegratorAccountCommand([tenant, name]);
        Assert.True(status == 0, $"./jusou integrator-account failed ({status}): {error}");
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var amqp = new UriBuilder(Jusou.ServiceKit.Messaging.BrokerAddress.Parse((await system.ConnectionString("messaging"))!).First)
        {
            UserName = Uri.EscapeDataString(values["user"]),
            Password = Uri.EscapeDataString(values["password"]),
        };
        return new IntegratorAccount(values["user"], values["password"], values["queue_prefix"], amqp.Uri.ToString());
    }

    private async Task<(int Status, string Output, string Error)> IntegratorAccountCommand(string[] arguments)
    {
        var management = system.App.GetEndpoint("messaging", "management");
        var command = new ProcessStartInfo(Path.Combine(Repository.Root, "jusou"), ["integrator-account", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["JUSOU_RABBITMQ_MANAGEMENT"] = $"http://guest:guest@{management.Host}:{management.Port}" },
        };
        using var process = Process.Start(command)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }

    private static Task<IConnection> Connect(IntegratorAccount account) =>
        new ConnectionFactory { Uri = new Uri(account.AmqpUrl), ClientProvidedName = account.User }.CreateConnectionAsync();

    private static async Task<string> Subscribe(IConnection connection, string queue, string bindingKey)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await channel.QueueBindAsync(queue, EventNames.Exchange, bindingKey);
        return queue;
    }

    /// <summary>Takes messages off the queue until one matches (or a minute passes); returns all it took.</summary>
    private static async Task<List<Received>> ReceiveUntil(IConnection connection, string queue, Func<Received, bool> last)
    {
        await using var channel = await connection.CreateChannelAsync();
        var received = new List<Received>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is not { } message)
            {
                await Task.Delay(100);
                continue;
            }
            var envelope = JsonNode.Parse(message.Body.Span)!;
            received.Add(new Received(message.RoutingKey, envelope["message"]!.AsObject()));
            if (last(received[^1])) return received;
        }
        throw new TimeoutException($"The awaited event did not reach {queue}; got: {string.Join(", ", received.Select(r => r.RoutingKey))}");
    }

    private static async Task AssertRefused(IConnection connection, Func<IChannel, Task> attempt, string what, bool confirms = false)
    {
        // A refusal closes the channel it happened on: each attempt gets its own.
        var channel = await connection.CreateChannelAsync(confirms
            ? new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)
            : null);
        try
        {
            var refusal = await Assert.ThrowsAnyAsync<Exception>(() => attempt(channel));
            var reason = refusal is OperationInterruptedException interrupted ? interrupted.ShutdownReason : channel.CloseReason;
            Assert.True(reason?.ReplyCode == 403, $"{what}: expected ACCESS_REFUSED (403), got {refusal.GetType().Name}: {refusal.Message}");
        }
        finally
        {
            await channel.DisposeAsync();
        }
    }
}
