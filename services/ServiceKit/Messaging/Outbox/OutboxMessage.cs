using System.Text.Json;
using Jusou.Contracts;
using Microsoft.EntityFrameworkCore;
using Jusou.ServiceKit.Privacy;

namespace Jusou.ServiceKit.Messaging.Outbox;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change it announces.
/// Its id becomes the bus MessageId, so a re-publish after a crash is recognised by every inbox.
/// </summary>
[NoPersonalData("統合イベントは ID・コード・日時・件数のみ (個人を直接識別する情報を含めない、EventPrivacyTests で検査)")]
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }
    public string TenantCode { get; private set; } = "";
    /// <summary>The event's CLR type name in Jusou.Contracts, e.g. Jusou.Contracts.Intake.ConsultationReferred.</summary>
    public string EventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset? SentAt { get; set; }

    public static OutboxMessage From(IIntegrationEvent integrationEvent)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = integrationEvent.EventId,
            TenantCode = integrationEvent.TenantCode,
            EventType = type.FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, type),
            OccurredAt = integrationEvent.OccurredAt,
        };
    }

    public (object Event, Type Type) Read()
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(EventType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(Payload, type)!, type);
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxMessage>(outbox =>
    {
        outbox.ToTable("outbox_messages");
        outbox.Property(m => m.EventType).HasMaxLength(200);
        outbox.Property(m => m.Payload).HasColumnType("jsonb");
        // The relay only ever looks for unsent rows, oldest first.
        outbox.HasIndex(m => m.Id).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
    });
}
