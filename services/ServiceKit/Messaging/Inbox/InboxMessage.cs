using Microsoft.EntityFrameworkCore;
using Jusou.ServiceKit.Privacy;

namespace Jusou.ServiceKit.Messaging.Inbox;

/// <summary>A message a consumer has already handled; its row commits together with the consumer's effect.</summary>
[NoPersonalData("処理済みメッセージの ID と受信日時のみ")]
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<InboxMessage>(inbox =>
    {
        inbox.ToTable("inbox_messages");
        inbox.HasKey(m => new { m.MessageId, m.Consumer });
        inbox.Property(m => m.Consumer).HasMaxLength(200);
    });
}
