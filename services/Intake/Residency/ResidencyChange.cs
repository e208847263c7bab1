using Jusou.Intake.Codes;
using Jusou.Contracts.Intake;
using Jusou.Intake.Persons;

namespace Jusou.Intake.Residency;

/// <summary>
/// A 住民異動 applied to a person Intake knows (matched by 宛名番号). Kept so that importing the same file again, or a
/// file that repeats yesterday's lines, applies nothing twice: one row per (宛名番号, 異動事由, 異動日).
/// </summary>
[PartOfPersonalDataFile(typeof(Person), Via = nameof(PersonId))]
public sealed class ResidencyChange : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; init; }
    public string AtenaNumber { get; init; } = "";
    /// <summary><see cref="ResidencyFile.ChangeCodes"/></summary>
    public string ChangeCode { get; init; } = "";
    public DateOnly EffectiveOn { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public string ImportedBy { get; init; } = "";

    /// <summary>
    /// Applies one 異動 to the person (the survivor, when the record was merged) and answers what it did. 転出 and 死亡
    /// mark the person and publish <see cref="PersonResidencyChanged"/>, so the services holding the person's open
    /// records raise an alert; 氏名変更 and 転居 update the name (exactly as given) and address; 転入 makes the person
    /// resident again; 世帯変更 is recorded only (Jusou's households are support households, not 住基 世帯). Nothing is
    /// ever deleted or closed here.
    /// </summary>
    public static string Apply(IntakeDbContext db, Person person, ResidencyRow row, DateTimeOffset now)
    {
        switch (row.ChangeCode)
        {
            case "moved_out" or "died":
                person.ResidentStatus = row.ChangeCode;
                person.ResidentStatusOn = row.EffectiveOn;
                db.Publish(new PersonResidencyChanged(Guid.CreateVersion7(), now, person.TenantCode, person.Id, row.ChangeCode, row.EffectiveOn));
                return "open_records_flagged";
            case "name_changed":
                if (row.Name is not null) person.Name = row.Name;
                if (row.NameKana is not null) person.NameKana = row.NameKana;
                person.RefreshSearchKeys();
                return "name_updated";
            case "address_changed":
                if (row.Address is null) return "recorded";
                person.Address = row.Address;
                return "address_updated";
            case "moved_in":
                person.ResidentStatus = IntakeCodes.ResidentStatus.Resident;
                person.ResidentStatusOn = null;
                if (row.Address is not null) person.Address = row.Address;
                return "resident_again";
            default:
                return "recorded";
        }
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ResidencyChange>(change =>
    {
        change.ToTable("residency_changes");
        change.Property(c => c.AtenaNumber).HasMaxLength(PersonRequest.AtenaNumberMaxLength);
        change.Property(c => c.ChangeCode).HasMaxLength(40);
        change.HasIndex(c => new { c.TenantCode, c.AtenaNumber, c.ChangeCode, c.EffectiveOn }).IsUnique();
        change.HasIndex(c => new { c.TenantCode, c.PersonId });
    });
}
