import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Reading what a page posts: each form whole and bounded in size, its CSRF token checked.
enum Forms {
    /// A form of fields, at most 64 KB.
    static func fields<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        let body = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            throw Refusal(400, .formExpired)
        }
    }

    /// The form's token must be the session's: a page of another site cannot post in its name.
    static func requireToken(_ given: String, _ context: ServiceContext) throws {
        guard Secrets.same(given, context.csrf) else { throw Refusal(403, .formExpired) }
    }

    /// An uploaded file and the fields beside it.
    struct Upload {
        var fields: [String: String] = [:]
        var fileName = ""
        var file: [UInt8]?
    }

    /// A `multipart/form-data` post, received whole: at most `limit` bytes of file (a little more for the
    /// rest of the form).
    struct Posted: Sendable {
        let boundary: String
        let body: ByteBuffer
        let limit: Int
    }

    static func posted(_ request: Request, limit: Int) async throws -> Posted {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = parameter("boundary", in: type)
        else { throw Refusal(400, .noFile) }
        do {
            return Posted(
                boundary: boundary, body: try await request.body.collect(upTo: limit + 64 * 1024), limit: limit)
        } catch {
            throw Refusal(413, .tooLarge(megabytes: limit >> 20))
        }
    }

    /// The posted form's fields, and the one file part's name and bytes.
    static func upload(_ posted: Posted) throws -> Upload {
        let (boundary, body, limit) = (posted.boundary, posted.body, posted.limit)
        var upload = Upload()
        var headers = HTTPHeaders()
        var part: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.add(name: name, value: value) }
        parser.onBody = { buffer in part += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = headers.first(name: "Content-Disposition") ?? ""
            let name = parameter("name", in: disposition) ?? ""
            if let fileName = parameter("filename", in: disposition) {
                if name == "sheet" {
                    upload.fileName = fileName
                    upload.file = part
                }
            } else {
                upload.fields[name] = String(decoding: part, as: UTF8.self)
            }
            headers = HTTPHeaders()
            part = []
        }
        do {
            try parser.execute(body)
        } catch {
            throw Refusal(400, .noFile)
        }
        if let file = upload.file, file.count > limit { throw Refusal(413, .tooLarge(megabytes: limit >> 20)) }
        return upload
    }

    /// `value` of `name=value` or `name="value"` in a header such as Content-Disposition.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            let value = pair[1]
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2
                ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }
}
