import Contracts
import Foundation
import Hummingbird
import Postgres
import ServiceKit

/// Sign-in with captcha and lock-out, captchas and the public keys (the forced password change is
/// `PasswordChangeController`, refresh and sign-out `RefreshController`).
struct SessionsController: IdentityController {
    let runtime: IdentityRuntime

    struct SignInBody: Decodable {
        var username: String
        var password: String
        var captchaID: UUID?
        var captchaAnswer: String?
        var enterpriseID: UUID?
    }

    /// Answer to a sign-in that must first change its password (and, for officials, bind a phone).
    struct ChangeRequired: ResponseCodable {
        var status = "passwordChangeRequired"
        var changeTicket: String
        var phoneRequired: Bool
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/.well-known/jwks.json") { _, _ -> Response in
            let data = try await runtime.keys.jwksData()
            return Response(
                status: .ok, headers: [.contentType: "application/json", .cacheControl: "max-age=60"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/captchas") { _, _ -> Captcha.Challenge in
            try await Captcha.create(lifetime: runtime.settings.captchaLifetime, on: runtime.pool)
        }
        router.post("/sessions") { request, context -> Response in
            let body = try await request.decodeBody(SignInBody.self, context: context)
            return try await signIn(body, ip: context.clientIP, request: request, context: context)
        }
    }

    private enum Outcome: Sendable {
        case failed(lockedNow: Date?)
        case changeRequired(String, phone: Bool)
        case signedIn(TokenPair)
    }

    func signIn(_ body: SignInBody, ip: String, request: Request, context: AppRequestContext) async throws -> Response {
        if let retry = await runtime.limiter.hit(ip) { throw SignInGuard.rateLimitedError(retryAfter: retry) }
        let username = body.username.trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty else { throw APIError.invalid("username", "is required") }
        guard !body.password.isEmpty else { throw APIError.invalid("password", "is required") }
        let guardRule = SignInGuard(settings: runtime.settings)

        // Lock-out and captcha first, committed on their own (a used captcha stays used).
        let captchaProblem: APIError? = try await runtime.pool.withTransaction { connection in
            let state = try await guardRule.state(username: username, clientIP: ip, on: connection)
            if let until = state.lockedUntil { return SignInGuard.lockedError(until: until) }
            guard state.captchaRequired else { return nil }
            guard let id = body.captchaID, let answer = body.captchaAnswer, !answer.isEmpty else {
                return APIError(
                    .unauthorized, code: "captcha_required",
                    message: runtime.settings.captchaEverySignIn
                        ? "every sign-in needs a captcha: solve one (POST /captchas) and send captchaID and captchaAnswer"
                        : "a previous sign-in failed: solve a captcha (POST /captchas) and send captchaID and captchaAnswer",
                    field: "captchaAnswer")
            }
            guard try await Captcha.consume(id: id, answer: answer, on: connection) else {
                return APIError(
                    .unauthorized, code: "captcha_invalid",
                    message: "the captcha answer is wrong, used or expired; get a new one", field: "captchaAnswer")
            }
            return nil
        }
        if let captchaProblem { throw captchaProblem }

        let account = try await runtime.pool.withConnection { try await AccountStore.load(username: username, on: $0) }
        let passwordOK = await Passwords.verify(body.password, hash: account?.passwordHash ?? runtime.decoyHash)
        let outcome: Outcome = try await runtime.pool.withTransaction { connection in
            guard let account, account.active, passwordOK else {
                try await SessionStore.recordFailure(username, clientIP: ip, on: connection)
                try await AuditTrail.append(
                    AuditEntry(.signInFailed, actor: account?.id, subject: "username:\(username)", clientIP: ip), on: connection)
                let state = try await guardRule.state(username: username, clientIP: ip, on: connection)
                if let until = state.lockedUntil, state.lockedJustNow(runtime.settings) {
                    try await AuditTrail.append(
                        AuditEntry(
                            .lockout, actor: account?.id, subject: "username:\(username)",
                            detail: "until \(ISO8601DateFormatter().string(from: until))", clientIP: ip),
                        on: connection)
                    return .failed(lockedNow: until)
                }
                return .failed(lockedNow: nil)
            }
            try await SessionStore.clearFailures(username, on: connection)
            try await AuditTrail.append(
                AuditEntry(.signIn, actor: account.id, subject: "account:\(account.id)", clientIP: ip), on: connection)
            if account.mustChangePassword || account.phoneBindingRequired {
                let ticket = TokenIssuer.randomToken()
                try await SessionStore.insertChangeTicket(
                    digest: TokenIssuer.digest(ticket), accountID: account.id, expiresAt: Date().addingTimeInterval(600), on: connection)
                return .changeRequired(ticket, phone: account.phoneBindingRequired)
            }
            let pair = try await TokenIssuer(runtime: runtime)
                .issue(for: account, enterpriseID: body.enterpriseID, familyID: nil, on: connection)
            return .signedIn(pair)
        }
        switch outcome {
        case .failed(let lockedNow):
            if let lockedNow { throw SignInGuard.lockedError(until: lockedNow) }
            throw APIError(
                .unauthorized, code: "invalid_credentials",
                message: "wrong username or password; the next attempt needs a captcha (POST /captchas)")
        case .changeRequired(let ticket, let phone):
            return try ChangeRequired(changeTicket: ticket, phoneRequired: phone).response(from: request, context: context)
        case .signedIn(let pair):
            return try pair.response(from: request, context: context)
        }
    }
}
