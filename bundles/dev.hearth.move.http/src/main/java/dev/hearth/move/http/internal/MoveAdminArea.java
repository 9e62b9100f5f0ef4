package dev.hearth.move.http.internal;

import dev.hearth.common.jsonapi.Document;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.ImportResult;
import dev.hearth.move.MoveService;
import dev.hearth.web.AdminParams;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnAdminEndpoint;
import dev.hearth.web.Routes;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Export and import on the admin endpoint ({@code hearth instances export|import}): {@code POST
 * /instances/:domain/export} queues the job that writes an export (202), {@code GET
 * /instances/:domain/exports/:id} says how far it is, {@code GET
 * /instances/:domain/exports/:id/data} sends it as one tar (or part {@code ?cursor=N}), and {@code
 * POST /instances/:domain/import} imports the archive of the request body into an empty instance.
 */
@Component
@OnAdminEndpoint
public final class MoveAdminArea implements HttpArea {
    private final MoveService move;

    @Activate
    public MoveAdminArea(@Reference MoveService move) {
        this.move = move;
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .post("/instances/:domain/export", this::export)
                .get("/instances/:domain/exports/:id", this::show)
                .get("/instances/:domain/exports/:id/data", this::data)
                .delete("/instances/:domain/exports/:id", this::delete)
                .post("/instances/:domain/import", this::importArchive);
    }

    private void export(Call call) throws IOException {
        Long partsSize = new AdminParams(call).longValue("PartsSize");
        ExportInfo info = move.requestExport(call.param("domain"), partsSize == null ? 0 : partsSize);
        call.jsonApi(202, Document.single(ExportJson.resource(info, self(info))));
    }

    private void show(Call call) throws IOException {
        ExportInfo info = move.export(call.param("domain"), call.param("id"));
        call.jsonApi(200, Document.single(ExportJson.resource(info, self(info))));
    }

    private void data(Call call) throws IOException {
        ExportInfo info = move.export(call.param("domain"), call.param("id"));
        String cursor = call.query("cursor");
        if (cursor == null) {
            Downloads.archive(call, move, info);
        } else {
            Downloads.part(call, move, info, ExportJson.cursor(cursor));
        }
    }

    private void delete(Call call) {
        move.deleteExport(call.param("domain"), call.param("id"));
        call.noContent();
    }

    private void importArchive(Call call) throws IOException {
        ImportResult result;
        try (InputStream body = call.request().getInputStream()) {
            try {
                result = move.importArchive(call.param("domain"), body);
            } catch (RuntimeException refused) {
                // read what the client still sends, so that it gets the answer rather than a broken pipe
                body.transferTo(java.io.OutputStream.nullOutputStream());
                throw refused;
            }
        }
        call.json(200, ExportJson.result(result));
    }

    private static String self(ExportInfo info) {
        return "/instances/" + info.domain() + "/exports/" + info.id();
    }
}
