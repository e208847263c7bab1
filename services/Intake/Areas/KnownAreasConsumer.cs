using Jusou.ServiceKit.Areas;

namespace Jusou.Intake.Areas;

/// <summary>Keeps the municipality's area names (the インテークシート prints 地区 by name) from CommunityResources.</summary>
public sealed class KnownAreasConsumer(IntakeDbContext db) : AreaNamedConsumer<IntakeDbContext>(db);
