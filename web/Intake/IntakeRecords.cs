namespace Jusou.Web.Intake;

// What the Intake API answers, as far as the screens show it (GET /api/intake/…; docs/api.md#intake).

public sealed record Consultation(
    Guid Id, DateTimeOffset ReceivedAt, string Channel, string? ReferralRoute, string? MainConcern, IReadOnlyList<string> SecondaryConcerns,
    string? Summary, Guid? PersonId, string? Visitor, string? ConsentPath, string? DistrictCode, string Status, string? Disposition,
    string? SharingRule, string RecordedBy, string? OrganisationCode, DateTimeOffset RecordedAt, IReadOnlyList<ConsultationStatusChange> StatusHistory);

public sealed record ConsultationStatusChange(string Status, string? Disposition, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record Person(
    Guid Id, string? Name, string? NameKana, DateOnly? BirthDate, string? Sex, string? Address, string? DistrictCode, string Status,
    IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

public sealed record PossibleDuplicate(Guid FlagId, Guid PersonId, string Reason);

public sealed record DuplicateFlag(Guid Id, Guid PersonId, Guid CandidateId, string Reason, string Status, DateTimeOffset FlaggedAt);

public sealed record Consent(
    Guid Id, IReadOnlyList<string> OrganisationCodes, IReadOnlyList<string> Purposes, string WordingVersion, DateOnly GivenOn, string Method,
    string TakenBy, DateTimeOffset? WithdrawnAt, bool Active);

public sealed record Referral(Guid Id, Guid ConsultationId, string OrganisationCode, string Status, DateTimeOffset SentAt);

/// <summary>What a 住民異動 import did (POST /api/intake/residency-changes/imports), line by line.</summary>
public sealed record ResidencyImportReport(
    int Lines, IReadOnlyList<ResidencyLineResult> Applied, IReadOnlyList<ResidencyLineResult> AlreadyApplied,
    IReadOnlyList<ResidencyLineResult> Unmatched, IReadOnlyList<ResidencyRejectedLine> Rejected);

public sealed record ResidencyLineResult(int Line, string AtenaNumber, string ChangeCode, string Outcome, Guid? PersonId);

public sealed record ResidencyRejectedLine(int Line, IReadOnlyList<string> Errors);
