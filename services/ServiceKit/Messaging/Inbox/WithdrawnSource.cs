using Microsoft.EntityFrameworkCore;
using Jusou.ServiceKit.Privacy;

namespace Jusou.ServiceKit.Messaging.Inbox;

/// <summary>
/// A source (e.g. a meeting decision) that was withdrawn, remembered by the service that would open a record for it.
/// Events travel on separate queues, so a withdrawal may be handled before the event that opens the record: the
/// opener then finds the withdrawal and opens nothing. Both sides first take <see cref="LockAsync"/> on the source id,
/// so that an opening and a withdrawal handled at the same moment serialise and the second sees the first.
/// A service that uses it calls <see cref="Configure"/> in its OnModelCreating.
/// </summary>
[NoPersonalData("取り下げられた出所 (会議の方針など) の種別・ID・日時のみ")]
public sealed class WithdrawnSource : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    public string Source { get; private set; } = "";
    public Guid SourceId { get; private set; }
    public DateTimeOffset WithdrawnAt { get; private set; }

    /// <summary>Serialises the opening and the withdrawal of one source until the caller's transaction ends.</summary>
    public static async Task LockAsync(ServiceDbContext db, Guid sourceId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take the lock inside the unit of work's transaction.");
        var key = sourceId.ToString();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }

    public static Task<bool> IsWithdrawnAsync(ServiceDbContext db, string source, Guid sourceId, CancellationToken cancellationToken) =>
        db.Set<WithdrawnSource>().AnyAsync(w => w.Source == source && w.SourceId == sourceId, cancellationToken);

    /// <summary>
    /// Remembers the withdrawal (saved with the caller's unit of work). False when it was remembered before: the
    /// withdrawal was handled already, whatever event id it came under this time.
    /// </summary>
    private static async Task<bool> RememberAsync(ServiceDbContext db, string source, Guid sourceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await IsWithdrawnAsync(db, source, sourceId, cancellationToken)) return false;
        db.Set<WithdrawnSource>().Add(new WithdrawnSource { Source = source, SourceId = sourceId, WithdrawnAt = at });
        return true;
    }

    /// <summary>
    /// The withdrawal side in one call: takes the source's lock, then remembers the withdrawal. False when it was
    /// handled before (under whatever event id): there is nothing left to undo.
    /// </summary>
    public static async Task<bool> WithdrawAsync(ServiceDbContext db, string source, Guid sourceId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await LockAsync(db, sourceId, cancellationToken);
        return await RememberAsync(db, source, sourceId, at, cancellationToken);
    }

    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<WithdrawnSource>(withdrawn =>
    {
        withdrawn.ToTable("withdrawn_sources");
        withdrawn.HasKey(w => new { w.TenantCode, w.Source, w.SourceId });
        withdrawn.Property(w => w.Source).HasMaxLength(40);
    });
}
