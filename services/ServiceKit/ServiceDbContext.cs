using Jusou.ServiceDefaults.Http;
using System.Linq.Expressions;
using Jusou.Contracts;
using Jusou.ServiceKit.Audit;
using Jusou.ServiceKit.Http;
using Jusou.ServiceKit.Messaging.Inbox;
using Jusou.ServiceKit.Organisations;
using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceKit.Persons;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit;

/// <summary>A row that belongs to one municipality. Only that tenant's units of work can see or write it.</summary>
public interface ITenantOwned
{
    string TenantCode { get; set; }
}

/// <summary>
/// The base of every service's DbContext. It owns the outbox and inbox tables, so that an event is stored in the
/// same transaction as the change it announces, and it confines every <see cref="ITenantOwned"/> row to the
/// current tenant: reads are filtered, new rows are stamped, and a write to another tenant's row is refused.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, TenantContext tenant, OutboxSignal outboxSignal)
    : DbContext(options)
{
    private bool _eventsToRelay;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();

    public TenantContext Tenant => tenant;

    /// <summary>
    /// The records of this service that name an Intake person. Listing them makes the service follow links and merges
    /// (<see cref="PersonIdentity"/>): its model gets the person_aliases table, and SaveChanges resolves their person.
    /// </summary>
    public virtual IReadOnlyList<PersonRecord> PersonRecords => [];

    /// <summary>
    /// Whether this service names the directory's organisations by code: its model then gets the known_organisations
    /// table, kept by an <see cref="Organisations.OrganisationRegisteredConsumer{TDb}"/> and read by request validation.
    /// </summary>
    public virtual bool KnowsOrganisations => false;

    /// <summary>
    /// Whether this service records persons' names: its model then gets the gaiji table (the municipality's 外字),
    /// kept by a <see cref="Gaiji.GaijiRegisteredConsumer{TDb}"/> (at Intake, by the register itself) and read by
    /// <see cref="Gaiji.GaijiValidation"/>.
    /// </summary>
    public virtual bool KnowsGaiji => false;

    /// <summary>
    /// Whether this service prints areas by name: its model then gets the known_areas table, kept by an
    /// <see cref="Areas.AreaNamedConsumer{TDb}"/> from CommunityResources' AreaNamed.
    /// </summary>
    public virtual bool KnowsAreas => false;

    /// <summary>
    /// Whether this service prints staff by name: its model then gets the staff_members table, written by
    /// <see cref="Staff.StaffNames.RemembersStaffNames{TDb}"/> from the tokens of those who write.
    /// </summary>
    public virtual bool KnowsStaff => false;

    /// <summary>Read by the query filters; EF evaluates it per context instance.</summary>
    private string? CurrentTenantCode => tenant.Code;

    /// <summary>Stores <paramref name="integrationEvent"/> for the relay; it is sent only if this unit of work commits.</summary>
    public void Publish(IIntegrationEvent integrationEvent) => OutboxMessages.Add(OutboxMessage.From(integrationEvent));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => configurationBuilder.Conventions.Add(_ => new KitConventions());

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        OutboxMessage.Configure(modelBuilder);
        InboxMessage.Configure(modelBuilder);
        AuditEntry.Configure(modelBuilder);
        IdempotentRequest.Configure(modelBuilder);
        if (PersonRecords.Count > 0) PersonAlias.Configure(modelBuilder);
        if (KnowsOrganisations) KnownOrganisation.Configure(modelBuilder);
        if (KnowsGaiji) Gaiji.GaijiEntry.Configure(modelBuilder);
        if (KnowsAreas) Areas.KnownArea.Configure(modelBuilder);
        if (KnowsStaff) Staff.StaffMember.Configure(modelBuilder);
    }

    /// <summary>Call at the end of a derived OnModelCreating: adds the tenant filter to every tenant-owned entity.</summary>
    protected void ConfineToTenant(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            // row => row.TenantCode == this.CurrentTenantCode
            var row = Expression.Parameter(entity.ClrType, "row");
            var filter = Expression.Lambda(
                Expression.Equal(
                    Expression.Property(row, nameof(ITenantOwned.TenantCode)),
                    Expression.Property(Expression.Constant(this, typeof(ServiceDbContext)), nameof(CurrentTenantCode))),
                row);
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(filter);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (Database.CurrentTransaction is null && PersonIdentity.WritesPersonRecords(this))
        {
            // The person of a new record is resolved under the tenant's identity lock, held until the record commits.
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var saved = await SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return saved;
        }
        await PersonIdentity.ResolveWrittenRecordsAsync(this, cancellationToken);
        StampAndGuardTenant();
        _eventsToRelay |= ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is null) WakeRelayIfEventsCommitted();
        return written;
    }

    /// <summary>
    /// The If-Match check: true when <paramref name="row"/> is still at the <paramref name="version"/> the caller read,
    /// and SaveChanges will then refuse the write if another writer changes it meanwhile. Checked here, not only by
    /// SaveChanges, because a write that changes no column never reaches the database's row-version check.
    /// </summary>
    public bool IsAtVersion<TRow>(TRow row, IfMatch version) where TRow : class
    {
        var rowVersion = Entry(row).Property<uint>("Version");
        if (!version.Matches(rowVersion.CurrentValue)) return false;
        // If-Match: * takes the version read now, so a concurrent writer still makes SaveChanges refuse.
        rowVersion.OriginalValue = rowVersion.CurrentValue;
        return true;
    }

    /// <summary>Saves; false when another writer changed one of the rows since it was read (optimistic concurrency).</summary>
    public async Task<bool> TrySaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync.");

    /// <summary>Called when a transaction of this context commits (see <see cref="WakeRelayOnCommit"/>).</summary>
    internal void WakeRelayIfEventsCommitted()
    {
        if (!_eventsToRelay) return;
        _eventsToRelay = false;
        outboxSignal.Wake();
    }

    private void StampAndGuardTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.TenantCode))
            {
                entry.Entity.TenantCode = tenant.Required;
            }
            else if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                     && entry.Entity.TenantCode != tenant.Code)
            {
                throw new InvalidOperationException("A unit of work may only write rows of its own tenant.");
            }
        }
    }
}
