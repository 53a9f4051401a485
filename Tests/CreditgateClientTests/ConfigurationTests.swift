import CreditgateClient
import Testing

@Suite struct ConfigFileTests {
    @Test func readsSettingsCommentsAndQuotes() throws {
        let file = try ConfigFile.parse(
            """
            # officer laptop
            url = http://10.0.0.5:8080   # staging

              token="cg_abc#def"\r
            """, path: "/home/a/.config/creditgate/config")
        #expect(file.url == "http://10.0.0.5:8080")
        #expect(file.token == "cg_abc#def")
        #expect(file.settings["token"]?.line == 4)
    }

    @Test func reportsEveryBadLineWithFileAndLine() {
        #expect {
            _ = try ConfigFile.parse(
                "url = http://x:1\nthis is not a setting\ncolour = red\ntoken =\nurl = http://y:2\n", path: "cfg")
        } throws: { error in
            guard let error = error as? ConfigFileError else { return false }
            return error.lines == [
                "cfg:2: expected 'key = value', e.g. 'url = http://127.0.0.1:8080'",
                "cfg:3: unknown key 'colour': the keys are url and token",
                "cfg:4: 'token' has no value",
                "cfg:5: 'url' is already set on line 1",
            ]
        }
    }

    @Test func unclosedQuoteIsReported() {
        #expect(throws: ConfigFileError.self) { _ = try ConfigFile.parse("token = \"cg_1", path: "cfg") }
    }
}

@Suite struct OfficerSettingsTests {
    static let home = ["HOME": "/home/a"]
    static let defaultPath = "/home/a/.config/creditgate/config"

    static func files(_ files: [String: String], worldReadable: Bool = false)
        -> (String) throws -> OfficerSettings.FileContents?
    {
        { path in files[path].map { OfficerSettings.FileContents(text: $0, worldReadable: worldReadable) } }
    }

    @Test func flagBeatsEnvironmentBeatsFile() throws {
        let read = Self.files([Self.defaultPath: "url = http://file:1\ntoken = cg_file\n"])
        let env = Self.home.merging(["CREDITGATE_URL": "http://env:2", "CREDITGATE_TOKEN": "cg_env"]) { $1 }

        let fromFile = try OfficerSettings.resolve(url: nil, token: nil, environment: Self.home, readFile: read)
        #expect(fromFile.url == "http://file:1" && fromFile.token == "cg_file")

        let fromEnv = try OfficerSettings.resolve(url: nil, token: nil, environment: env, readFile: read)
        #expect(fromEnv.url == "http://env:2" && fromEnv.token == "cg_env")

        let fromFlags = try OfficerSettings.resolve(
            url: "http://flag:3", token: "cg_flag", environment: env, readFile: read)
        #expect(fromFlags.url == "http://flag:3" && fromFlags.token == "cg_flag")

        let mixed = try OfficerSettings.resolve(
            url: nil, token: "cg_flag", environment: Self.home, readFile: read)
        #expect(mixed.url == "http://file:1" && mixed.token == "cg_flag")
    }

    @Test func defaultURLWhenNoneIsGiven() throws {
        let settings = try OfficerSettings.resolve(
            url: nil, token: "cg_1", environment: Self.home, readFile: Self.files([:]))
        #expect(settings.url == "http://127.0.0.1:8080")
    }

    @Test func configFileFromTheEnvironment() throws {
        let env = Self.home.merging(["CREDITGATE_CONFIG": "/etc/cg"]) { $1 }
        let settings = try OfficerSettings.resolve(
            url: nil, token: nil, environment: env, readFile: Self.files(["/etc/cg": "token = cg_etc"]))
        #expect(settings.token == "cg_etc")
        #expect(throws: ClientError.self) {
            _ = try OfficerSettings.resolve(url: nil, token: nil, environment: env, readFile: Self.files([:]))
        }
    }

    @Test func missingTokenSaysTheThreeWays() {
        do {
            _ = try OfficerSettings.resolve(url: nil, token: nil, environment: Self.home, readFile: Self.files([:]))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .usage && error.exitCode == 64)
            #expect(
                error.message
                    == "no API key: give --token, set CREDITGATE_TOKEN, or put 'token = cg_…' in \(Self.defaultPath)")
        }
    }

    @Test func badFileLineIsAConfigurationError() {
        do {
            _ = try OfficerSettings.resolve(
                url: nil, token: nil, environment: Self.home, readFile: Self.files([Self.defaultPath: "token cg_1"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .configuration && error.exitCode == 2)
            #expect(error.message.hasPrefix("\(Self.defaultPath):1: expected 'key = value'"))
        }
    }

    @Test func worldReadableFileWithAKeyWarns() throws {
        let settings = try OfficerSettings.resolve(
            url: nil, token: nil, environment: Self.home,
            readFile: Self.files([Self.defaultPath: "token = cg_1"], worldReadable: true))
        #expect(settings.warnings == ["warning: \(Self.defaultPath) holds an API key and every user can read it: chmod 600 \(Self.defaultPath)"])
    }

    @Test(arguments: ["ftp://x", "127.0.0.1:8080", "http://", "http://h:1/?q=1"])
    func unusableURLIsUsageError(url: String) {
        #expect {
            _ = try OfficerSettings.resolve(url: url, token: "cg_1", environment: [:], readFile: Self.files([:]))
        } throws: { ($0 as? ClientError)?.kind == .usage }
    }

    @Test func errorsNeverCarryTheToken() {
        do {
            _ = try OfficerSettings.resolve(
                url: "nope", token: "cg_secret", environment: [:], readFile: Self.files([:]))
        } catch {
            #expect(!error.description.contains("cg_secret"))
        }
    }
}
