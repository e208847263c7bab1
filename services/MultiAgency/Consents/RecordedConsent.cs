using Jusou.ServiceKit.Persons;

namespace Jusou.MultiAgency.Consents;

/// <summary>
/// What MultiAgency knows of a consent Intake recorded (ConsentRecorded, ConsentWithdrawn): whose it is, which
/// organisations and purposes it covers, and whether it was withdrawn. Ids and codes only; the consent itself (wording,
/// method, who took it) stays in Intake. A withdrawal that arrives before the consent leaves a row that is already
/// withdrawn, so the late consent never counts.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase))]
public sealed class RecordedConsent : ITenantOwned
{
    /// <summary>Intake's consent id.</summary>
    public Guid Id { get; init; }
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; set; }
    /// <summary>Organisation codes, or "*" for every organisation of the programme.</summary>
    public List<string> OrganisationCodes { get; set; } = [];
    /// <summary>Intake's consent purposes: information_sharing, referral, case_conference.</summary>
    public List<string> PurposeCodes { get; set; } = [];
    public DateTimeOffset? RecordedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    public bool IsActive => RecordedAt is not null && WithdrawnAt is null;

    /// <summary>Does this consent allow sharing with <paramref name="organisationCode"/> for <paramref name="purposeCode"/>?</summary>
    public bool Covers(string organisationCode, string purposeCode) =>
        IsActive && PurposeCodes.Contains(purposeCode)
        && (OrganisationCodes.Contains(ConsentRule.AnyOrganisation) || OrganisationCodes.Contains(organisationCode));

    /// <summary>The consents of <paramref name="personId"/> (followed to the survivor of any merge) in force now; none for an anonymous case.</summary>
    public static async Task<IReadOnlyList<RecordedConsent>> InForceAsync(MultiAgencyDbContext db, Guid? personId, CancellationToken cancellationToken)
    {
        if (personId is not { } id) return [];
        var person = await PersonIdentity.SurvivorAsync(db, id, cancellationToken);
        return await db.RecordedConsents.AsNoTracking()
            .Where(c => c.PersonId == person && c.RecordedAt != null && c.WithdrawnAt == null).ToListAsync(cancellationToken);
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<RecordedConsent>(consent =>
    {
        consent.ToTable("recorded_consents");
        consent.Ignore(c => c.IsActive);
        consent.HasIndex(c => new { c.TenantCode, c.PersonId });
    });
}
