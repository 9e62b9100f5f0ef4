package dev.hearth.move.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.auth.Verb;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.common.jsonapi.Document;
import dev.hearth.move.ExportInfo;
import dev.hearth.move.MoveService;
import dev.hearth.move.Moves;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /move/exports} as Cozy has it ({@code docs/move.md}): ask for an export (a job writes
 * it), read its state, and download it through a one-time link without a token. The routes that
 * take a token want a permission on the whole {@code io.cozy.exports} doctype. A link opens the
 * first part ({@code GET /move/exports/data/:secret}), each other part once ({@code ?cursor=N},
 * as {@code parts_cursors} lists them), or the whole archive as one tar ({@code ?archive=tar}),
 * which is what an import into Hearth reads.
 */
@Component
@OnInstanceHosts
public final class MoveArea implements HttpArea {
    private static final int MAX_BODY = 16 << 10;

    private final MoveService move;
    private final MoveFlow flow;

    @Activate
    public MoveArea(@Reference MoveService move, @Reference Moves moves) {
        this.move = move;
        this.flow = new MoveFlow(moves);
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.JSON_API)
                .post("/move/exports", this::request)
                .get("/move/exports/data/:secret", this::download)
                .get("/move/exports/:id", this::show)
                .post("/move/exports/:id/link", this::link)
                .delete("/move/exports/:id", this::delete)
                .include(flow.routes());
    }

    private void request(Call call) throws IOException {
        call.context().requireWholeType(Verb.POST, ExportJson.DOCTYPE);
        long partsSize = 0;
        if (call.hasBody()) {
            JsonNode size =
                    call.jsonObject(MAX_BODY).path("data").path("attributes").path("parts_size");
            if (!size.isMissingNode() && !size.isNull()) {
                if (!size.isIntegralNumber() || size.asLong() <= 0) {
                    throw ApiException.invalidAttribute("parts_size", "It must be a positive whole number");
                }
                partsSize = size.asLong();
            }
        }
        ExportInfo info = move.requestExport(call.context().domain(), partsSize);
        call.jsonApi(201, Document.single(ExportJson.resource(info, "/move/exports/" + info.id())));
    }

    private void show(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, ExportJson.DOCTYPE);
        ExportInfo info = move.export(call.context().domain(), call.param("id"));
        call.jsonApi(200, Document.single(ExportJson.resource(info, "/move/exports/" + info.id())));
    }

    private void link(Call call) throws IOException {
        call.context().requireWholeType(Verb.GET, ExportJson.DOCTYPE);
        String domain = call.context().domain();
        String secret = move.downloadSecret(domain, call.param("id"));
        String base = call.request().getScheme() + "://" + domain + "/move/exports/data/" + secret;
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.put("url", base + "?archive=tar");
        answer.put("first_part", base);
        answer.put("expires_in", 600);
        call.json(201, answer);
    }

    private void download(Call call) throws IOException {
        String domain = call.context().domain();
        if ("tar".equals(call.query("archive"))) {
            Downloads.archive(call, move, move.redeem(domain, call.param("secret"), -1));
            return;
        }
        int index = ExportJson.cursor(call.query("cursor"));
        Downloads.part(call, move, move.redeem(domain, call.param("secret"), index), index);
    }

    private void delete(Call call) {
        call.context().requireWholeType(Verb.DELETE, ExportJson.DOCTYPE);
        move.deleteExport(call.context().domain(), call.param("id"));
        call.noContent();
    }
}
