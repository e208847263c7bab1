using Jusou.Intake.Codes;

namespace Jusou.Intake.Consents;

/// <summary>
/// A person's consent to share their information: with which organisations ("*" = every organisation of the
/// municipality's 重層的支援体制), for which purposes, on which wording, when and by whom it was taken. Withdrawal
/// ends it from that moment; the record stays.
/// </summary>
[PersonalDataFile("情報提供同意記録", "支援関係機関への情報提供に関する本人同意 (範囲、文言の版、方法、撤回) の記録と確認",
    "同意の撤回又は支援の終結から5年", Sources = "本人からの同意の取得")]
public sealed class Consent : ITenantOwned
{
    public const string AnyOrganisation = "*";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; set; }
    public List<string> OrganisationCodes { get; init; } = [];
    /// <summary><see cref="IntakeCodes.ConsentPurposes"/></summary>
    public List<string> Purposes { get; init; } = [];
    /// <summary>Which version of the consent wording the person agreed to (e.g. "tono-2026-04").</summary>
    public string WordingVersion { get; init; } = "";
    public DateOnly GivenOn { get; init; }
    /// <summary><see cref="IntakeCodes.ConsentMethods"/></summary>
    public string Method { get; init; } = "";
    public string TakenBy { get; init; } = "";
    public string? TakenByOrganisationCode { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnBy { get; set; }

    public bool IsActive => WithdrawnAt is null;

    /// <summary>"*", or one of the programme's own services a disposition passes a consultation to (multi_agency …).</summary>
    public static bool IsProgrammeWide(string organisationCode) =>
        organisationCode == AnyOrganisation || (IntakeCodes.Dispositions.ContainsKey(organisationCode) && organisationCode is not "advice_closed" and not "referred_to_agency");

    /// <summary>Does this consent allow sharing with <paramref name="organisation"/> for <paramref name="purpose"/>?</summary>
    public bool Covers(string organisation, string purpose) =>
        IsActive && Purposes.Contains(purpose) && (OrganisationCodes.Contains(AnyOrganisation) || OrganisationCodes.Contains(organisation));

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Consent>(consent =>
    {
        consent.Property(c => c.WordingVersion).HasMaxLength(ConsentRequest.WordingVersionMaxLength);
        consent.Property(c => c.Method).HasMaxLength(40);
        consent.Property(c => c.TakenByOrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        consent.HasIndex(c => new { c.TenantCode, c.PersonId });
    });
}
