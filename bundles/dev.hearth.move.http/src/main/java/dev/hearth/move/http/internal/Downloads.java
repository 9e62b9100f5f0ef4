package dev.hearth.move.http.internal;

import dev.hearth.move.ExportInfo;
import dev.hearth.move.MoveService;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends an export: one of its zip parts, or the whole archive as one tar. */
final class Downloads {
    private Downloads() {}

    static void part(Call call, MoveService move, ExportInfo info, int index) throws IOException {
        Path part = move.part(info.domain(), info.id(), index);
        HttpServletResponse resp = call.response();
        resp.setStatus(200);
        resp.setContentType("application/zip");
        resp.setHeader(
                "Content-Disposition", "attachment; filename=\"" + fileName(info) + "-" + part.getFileName() + "\"");
        resp.setContentLengthLong(Files.size(part));
        try (OutputStream out = resp.getOutputStream()) {
            Files.copy(part, out);
        }
    }

    static void archive(Call call, MoveService move, ExportInfo info) throws IOException {
        HttpServletResponse resp = call.response();
        resp.setStatus(200);
        resp.setContentType("application/x-tar");
        resp.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(info) + ".tar\"");
        try (OutputStream out = resp.getOutputStream()) {
            move.writeArchive(info.domain(), info.id(), out);
        }
    }

    private static String fileName(ExportInfo info) {
        String day = info.createdAt().length() >= 10 ? info.createdAt().substring(0, 10) : "export";
        return "hearth-" + info.domain().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + day;
    }
}
