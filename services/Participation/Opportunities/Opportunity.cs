using Jusou.Participation.Codes;

namespace Jusou.Participation.Opportunities;

/// <summary>
/// A place of participation (参加の場): a 就労体験 at a 協力事業所, an いなぷちバイト-style short job, volunteering, a
/// 居場所 such as 山本の家, a class. Most come from CommunityResources' directory (services marked participation-capable)
/// and are kept up to date from its events; coordinators add others here. Names and addresses of directory entries
/// stay in the directory; what is kept here is what matching needs.
/// </summary>
[NoPersonalData("参加の場と協力事業所の情報、定員と利用数 (集計値)")]
public sealed class Opportunity : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="ParticipationCodes.OpportunitySources"/></summary>
    public string Source { get; init; } = "local";
    /// <summary>The directory's service (HSDS service) this opportunity mirrors, when it came from CommunityResources.</summary>
    public Guid? CommunityServiceId { get; init; }
    public Guid? CommunityLocationId { get; set; }
    /// <summary>The directory's publication version last applied, so an older message arriving late is ignored.</summary>
    public long CommunityVersion { get; set; }
    /// <summary>協力事業所: the organisation hosting it (the directory's organisation id, or one given by the coordinator).</summary>
    public string HostOrganisationCode { get; set; } = "";
    /// <summary>A short title for local opportunities (e.g. いなぷちバイト 農園の収穫作業); directory entries keep theirs in the directory.</summary>
    public string? Title { get; set; }
    /// <summary><see cref="ParticipationCodes.OpportunityKinds"/></summary>
    public string Kind { get; set; } = "other";
    /// <summary>地区 (CommunityResources' area code); null = 市全域.</summary>
    public string? DistrictCode { get; set; }
    /// <summary><see cref="ParticipationCodes.Days"/></summary>
    public List<string> Days { get; set; } = [];
    /// <summary><see cref="ParticipationCodes.TimeSlots"/></summary>
    public List<string> TimeSlots { get; set; } = [];
    /// <summary>e.g. 毎週火・木 10:00〜12:00.</summary>
    public string? ScheduleNote { get; set; }
    /// <summary>How many people it can take at once; null = no fixed limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>Placements in 体験 or 参加中 now; kept with the row so a concurrent placement is caught by its version.</summary>
    public int CurrentUse { get; set; }
    public bool Paid { get; set; }
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    /// <summary>Accessibility and support it offers, <see cref="ParticipationCodes.Accommodations"/>.</summary>
    public List<string> Accommodations { get; set; } = [];
    /// <summary>The directory still publishes it as participation-capable (always true for local ones).</summary>
    public bool ListedInDirectory { get; set; } = true;
    /// <summary>Why the directory no longer lists it, <see cref="ParticipationCodes.ClosedReasons"/>.</summary>
    public string? DirectoryClosedReason { get; set; }
    /// <summary>The coordinator's choice: take new placements or not.</summary>
    public bool Accepting { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; private set; }

    /// <summary>Open to new placements: listed, accepting, and not full.</summary>
    public bool IsOpen => ListedInDirectory && Accepting;

    public bool IsFull => Capacity is { } capacity && CurrentUse >= capacity;

    public int? RemainingPlaces => Capacity is { } capacity ? Math.Max(0, capacity - CurrentUse) : null;

    public string? ClosedReason => !ListedInDirectory ? DirectoryClosedReason : Accepting ? null : "not_accepting";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Opportunity>(opportunity =>
    {
        opportunity.ToTable("opportunities");
        opportunity.Property(o => o.Source).HasMaxLength(20);
        opportunity.Property(o => o.HostOrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        opportunity.Property(o => o.Title).HasMaxLength(OpportunityRequest.TitleMaxLength);
        opportunity.Property(o => o.Kind).HasMaxLength(40);
        opportunity.Property(o => o.DistrictCode).HasMaxLength(Lengths.DistrictCode);
        opportunity.Property(o => o.ScheduleNote).HasMaxLength(OpportunityRequest.NoteMaxLength);
        opportunity.Property(o => o.DirectoryClosedReason).HasMaxLength(40);
        opportunity.Property(o => o.Version).IsRowVersion();
        opportunity.Ignore(o => o.IsOpen);
        opportunity.Ignore(o => o.IsFull);
        opportunity.Ignore(o => o.RemainingPlaces);
        opportunity.Ignore(o => o.ClosedReason);
        // One opportunity per directory service, however often its events arrive.
        opportunity.HasIndex(o => new { o.TenantCode, o.CommunityServiceId }).IsUnique().HasFilter("community_service_id IS NOT NULL");
        opportunity.HasIndex(o => new { o.TenantCode, o.HostOrganisationCode });
    });
}
