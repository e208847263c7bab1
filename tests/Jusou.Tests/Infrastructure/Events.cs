using System.Text.Json;
using Jusou.Contracts;
using Npgsql;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// Reads the integration events a service wrote to its outbox as the Contracts records they were written from, so a test
/// asserts on properties in C# instead of JSON paths spelled from property names. The outbox (ServiceKit's
/// OutboxMessage) stores <c>event_type</c> as the record's <see cref="Type.FullName"/> and <c>payload</c> as
/// <see cref="JsonSerializer.Serialize(object?, Type, JsonSerializerOptions?)"/> with the default options; they are read
/// back here the same way. Rows a test wrote by hand (e.g. <c>'{}'</c> in MessageRetentionTests) read as records of
/// default values.
/// </summary>
public static class Events
{
    /// <summary>What OutboxMessage.From serializes with: no options given.</summary>
    private static JsonSerializerOptions Options => JsonSerializerOptions.Default;

    /// <summary>Every event of type <typeparamref name="T"/> in <paramref name="database"/>'s outbox that <paramref name="where"/> accepts.</summary>
    public static async Task<List<T>> Published<T>(SystemFixture system, string database, Func<T, bool>? where = null)
        where T : IIntegrationEvent
    {
        var name = EventType(typeof(T));
        var events = new List<T>();
        foreach (var payload in await Sql.Strings(system, database, "SELECT payload::text FROM outbox_messages WHERE event_type = $1 ORDER BY id", name))
        {
            var read = JsonSerializer.Deserialize<T>(payload, Options)
                ?? throw new InvalidOperationException($"An outbox row of {name} holds null: {payload}");
            if (where is null || where(read)) events.Add(read);
        }
        return events;
    }

    /// <summary>
    /// Every event of any type in <paramref name="database"/>'s outbox that <paramref name="where"/> accepts, each read as
    /// the Contracts record its <c>event_type</c> names. A row whose type is not in Jusou.Contracts fails the read.
    /// </summary>
    public static async Task<List<IIntegrationEvent>> PublishedAny(SystemFixture system, string database, Func<IIntegrationEvent, bool>? where = null)
    {
        var events = new List<IIntegrationEvent>();
        await using var connection = new NpgsqlConnection(await system.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_type, payload::text FROM outbox_messages ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            var type = typeof(IIntegrationEvent).Assembly.GetType(name)
                ?? throw new InvalidOperationException($"The outbox of {database} holds an event type that is not in Jusou.Contracts: {name}");
            var read = (IIntegrationEvent)(JsonSerializer.Deserialize(reader.GetString(1), type, Options)
                ?? throw new InvalidOperationException($"An outbox row of {name} holds null."));
            if (where is null || where(read)) events.Add(read);
        }
        return events;
    }

    /// <summary>
    /// The id <paramref name="e"/> carries in its property <paramref name="property"/> (e.g.
    /// <c>nameof(ConsultationReferred.ConsultationId)</c>), or null when its type has no such property: for "any event
    /// about this consultation", which no common interface names.
    /// </summary>
    public static Guid? IdIn(IIntegrationEvent e, string property) =>
        e.GetType().GetProperty(property)?.GetValue(e) as Guid?;

    /// <summary>The outbox's name of an event type; only Contracts records are ever written there.</summary>
    private static string EventType(Type type) =>
        type.Assembly == typeof(IIntegrationEvent).Assembly && type is { IsClass: true, IsAbstract: false, IsGenericType: false }
            ? type.FullName!
            : throw new ArgumentException($"{type} is not an integration event record of Jusou.Contracts: the outbox stores those only.");
}
