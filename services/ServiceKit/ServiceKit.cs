using Jusou.ServiceKit.Messaging;
using Jusou.ServiceKit.Audit;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceKit.Privacy;
using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jusou.ServiceKit;

/// <summary>
/// What every Jusou service is made of, in one call per side, so a service's Program.cs says only what is its own:
/// <see cref="AddJusouService{TDb}"/> (defaults, database, bus, OpenAPI) and <see cref="MapJusouServiceAsync{TDb}"/>
/// (middleware, health, the OpenAPI document, migrations, and the kit's endpoints every service answers: its code
/// tables, audit trail, error queues, message retention, the 個人情報ファイル簿, retention). It returns the service's
/// route group, for the service's own features.
/// </summary>
public static class ServiceKit
{
    /// <param name="consumers">The service's consumers of integration events (its queues).</param>
    /// <param name="codes">Its code tables: served at GET /api/{name}/codes and written into the OpenAPI document (enum and labels).</param>
    /// <param name="openApi">The rest of its OpenAPI document: the request examples.</param>
    public static WebApplicationBuilder AddJusouService<TDb>(this WebApplicationBuilder builder, ServiceIdentity service,
        IReadOnlyList<Type> consumers, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> codes, Action<OpenApiOptions> openApi)
        where TDb : ServiceDbContext
    {
        builder.Services.AddSingleton(new ServiceCodeTables(codes));
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<TDb>(service.ConnectionName);
        builder.AddMessaging<TDb>(service.Name, [.. consumers]);
        builder.Services.AddOpenApi(openApi);
        builder.Services.Configure<OpenApiOptions>("v1", options => options.AddCodeLabels(codes));
        return builder;
    }

    public static async Task<RouteGroupBuilder> MapJusouServiceAsync<TDb>(this WebApplication app, ServiceIdentity service)
        where TDb : ServiceDbContext
    {
        app.UseServiceDefaults();
        app.MapDefaultEndpoints();
        app.MapOpenApi($"{service.Route}/openapi/{{documentName}}.json").AllowAnonymous();
        await app.MigrateDatabaseAsync<TDb>();

        var api = app.MapGroup(service.Route);
        api.MapCodeTables(app.Services.GetRequiredService<ServiceCodeTables>().Tables, $"Get{service.DisplayName}Codes",
            $"Every code table {service.DisplayName} uses, each code with its Japanese label.");
        api.MapAuditTrail<TDb>(service.DisplayName);
        api.MapErrorQueues();
        api.MapMessageRetention<TDb>();
        api.MapPersonalDataRegister<TDb>(service.Name);
        api.MapRetention<TDb>();
        return api;
    }
}

/// <summary>A service's code tables, as <see cref="ServiceKit.AddJusouService{TDb}"/> was given them.</summary>
public sealed record ServiceCodeTables(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Tables);
