using Jusou.ServiceKit.Organisations;

namespace Jusou.Intake.Organisations;

/// <summary>Keeps the municipality's organisations (their codes) from CommunityResources' directory.</summary>
public sealed class KnownOrganisationsConsumer(IntakeDbContext db, TimeProvider clock) : OrganisationRegisteredConsumer<IntakeDbContext>(db, clock);
