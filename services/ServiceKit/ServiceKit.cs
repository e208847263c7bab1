using Jusou.ServiceKit.Messaging;
using Jusou.ServiceKit.Audit;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceKit.Privacy;
using Jusou.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jusou.ServiceKit;

/// <summary>
/// What every Jusou service is made of, in one call per side, so a service's Program.cs says only what is its own:
/// <see cref="AddJusouService{TDb}"/> (defaults, database, bus, OpenAPI) and <see cref="MapJusouServiceAsync{TDb}"/>
/// (middleware, health, the OpenAPI document, migrations, and the kit's endpoints every service answers: audit trail,
/// error queues, message retention, the 個人情報ファイル簿, retention). It returns the service's route group for its features.
/// </summary>
public static class ServiceKit
{
    public static WebApplicationBuilder AddJusouService<TDb>(this WebApplicationBuilder builder, ServiceIdentity service,
        IReadOnlyList<Type> consumers, Action<OpenApiOptions> openApi)
        where TDb : ServiceDbContext
    {
        builder.Services.AddSingleton(service);
        builder.AddServiceDefaults();
        builder.AddServiceDatabase<TDb>(service.ConnectionName);
        builder.AddMessaging<TDb>(service.Name, [.. consumers]);
        builder.Services.AddOpenApi(openApi);
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
        api.MapAuditTrail<TDb>(service.DisplayName);
        api.MapErrorQueues();
        api.MapMessageRetention<TDb>();
        api.MapPersonalDataRegister<TDb>(service.Name);
        api.MapRetention<TDb>();
        return api;
    }
}
