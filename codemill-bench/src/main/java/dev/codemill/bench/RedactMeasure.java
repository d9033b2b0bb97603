package dev.codemill.bench;

import dev.codemill.stages.redact.Finding;
import dev.codemill.stages.redact.Redactor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Measures the {@code redact} stage: findings per MB on a clean corpus (every finding written to
 * a TSV for review by hand), throughput in MB/s on one thread, and recall/precision on synthetic
 * secrets of every supported format (never real ones) and must-not-flag items planted into copies
 * of the corpus files (in memory; the corpus is only read).
 *
 * <p>Usage: {@code RedactMeasure CORPUS_DIR OUT_TSV [plants_per_format]}.
 */
public final class RedactMeasure {
    private static final String AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = AZ + AZ.toLowerCase(Locale.ROOT) + "0123456789";

    private RedactMeasure() {
    }

    record Plant(String type, String line, String secret) {
    }

    static String rnd(Random r, int n, String alphabet) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String publicIp(Random r) {
        while (true) {
            int a = 1 + r.nextInt(222);
            if (a == 10 || a == 127 || a == 100 || a == 169 || a == 172 || a == 192 || a == 8 || a == 1 || a == 9) {
                continue;
            }
            return a + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        }
    }

    static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Positive plants: one generator per detector type. */
    static final Map<String, Function<Random, Plant>> POSITIVE = new TreeMap<>();
    /** Negative plants (must not be flagged). */
    static final Map<String, Function<Random, String>> NEGATIVE = new TreeMap<>();

    static {
        String[] first = {"maria", "chen", "olu", "ivan", "sara", "jonas"};
        String[] dom = {"mailhost.com", "uni-example.edu", "corp.co.uk", "post.de", "firm.io"};
        POSITIVE.put("email", r -> {
            String e = first[r.nextInt(first.length)] + "." + rnd(r, 5, "abcdefghij") + "@" + dom[r.nextInt(dom.length)];
            return new Plant("email", "# contact " + e + " for access", e);
        });
        POSITIVE.put("ipv4", r -> {
            String ip = publicIp(r);
            return new Plant("ipv4", "UPSTREAM_HOST = \"" + ip + "\"", ip);
        });
        POSITIVE.put("ipv6", r -> {
            String ip = "2a0" + r.nextInt(10) + ":" + Integer.toHexString(0x1000 + r.nextInt(0xefff)) + ":"
                    + Integer.toHexString(0x100 + r.nextInt(0xeff)) + "::" + Integer.toHexString(1 + r.nextInt(0xfff));
            return new Plant("ipv6", "peer_addr = '" + ip + "'", ip);
        });
        POSITIVE.put("private_key", r -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                b.append(rnd(r, 64, ALNUM + "+/")).append('\n');
            }
            String body = b.toString().strip();
            return new Plant("private_key", "KEY = \"\"\"-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\"\"\"", body);
        });
        POSITIVE.put("aws_access_key", r -> {
            String k = "AKIA" + rnd(r, 16, AZ + "234567");
            return new Plant("aws_access_key", "aws_access_key_id = '" + k + "'", k);
        });
        POSITIVE.put("aws_secret_key", r -> {
            String k = rnd(r, 40, ALNUM + "+/");
            return new Plant("aws_secret_key", "aws_secret_access_key = \"" + k + "\"", k);
        });
        POSITIVE.put("gcp_api_key", r -> {
            String k = "AIza" + rnd(r, 35, ALNUM + "_-");
            return new Plant("gcp_api_key", "const mapsKey = '" + k + "';", k);
        });
        POSITIVE.put("azure_connection_string", r -> {
            String k = rnd(r, 86, ALNUM + "+/") + "==";
            return new Plant("azure_connection_string", "CONN = \"DefaultEndpointsProtocol=https;AccountName=acct"
                    + r.nextInt(99) + ";AccountKey=" + k + ";EndpointSuffix=core.windows.net\"", k);
        });
        POSITIVE.put("azure_storage_key", r -> {
            String k = rnd(r, 86, ALNUM + "+/") + "==";
            return new Plant("azure_storage_key", "azure_storage_account_key: " + k, k);
        });
        POSITIVE.put("github_token", r -> {
            String k = switch (r.nextInt(3)) {
                case 0 -> "ghp_" + rnd(r, 36, ALNUM);
                case 1 -> "gho_" + rnd(r, 36, ALNUM);
                default -> "github_pat_" + rnd(r, 22, ALNUM) + "_" + rnd(r, 59, ALNUM);
            };
            return new Plant("github_token", "GH = \"" + k + "\"", k);
        });
        POSITIVE.put("gitlab_token", r -> {
            String k = "glpat-" + rnd(r, 20, ALNUM + "_-");
            return new Plant("gitlab_token", "headers = {'PRIVATE-TOKEN': '" + k + "'}", k);
        });
        POSITIVE.put("slack_token", r -> {
            String k = "xoxb-" + rnd(r, 12, "0123456789") + "-" + rnd(r, 13, "0123456789") + "-" + rnd(r, 24, ALNUM);
            return new Plant("slack_token", "client = WebClient(\"" + k + "\")", k);
        });
        POSITIVE.put("stripe_key", r -> {
            String k = (r.nextBoolean() ? "sk_live_" : "rk_live_") + rnd(r, 24 + r.nextInt(75), ALNUM);
            return new Plant("stripe_key", "stripe.api_key = \"" + k + "\"", k);
        });
        POSITIVE.put("openai_key", r -> {
            String k = "sk-" + (r.nextBoolean() ? "proj-" : "") + rnd(r, 48, ALNUM);
            return new Plant("openai_key", "client = OpenAI(\"" + k + "\")", k);
        });
        POSITIVE.put("jwt", r -> {
            String k = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url("{\"sub\":\"" + r.nextInt(1_000_000)
                    + "\",\"name\":\"Fake\"}") + "." + rnd(r, 43, ALNUM + "_-");
            return new Plant("jwt", "Authorization: Bearer " + k, k);
        });
        POSITIVE.put("password", r -> {
            String k = rnd(r, 14, ALNUM + "!#%&*");
            return new Plant("password", "db_password = '" + k + "'", k);
        });
        POSITIVE.put("generic_secret", r -> {
            String k = rnd(r, 32, "0123456789abcdef");
            return new Plant("generic_secret", "SESSION_SECRET = \"" + k + "\"", k);
        });
        POSITIVE.put("url_password", r -> {
            String k = rnd(r, 12, ALNUM);
            return new Plant("url_password", "DATABASE_URL = 'postgres://app:" + k + "@db.internal:5432/app'", k);
        });

        String[] users = {"deploy", "ci-bot", "svc_api", "admin", "jenkins"};
        POSITIVE.put("basic_auth", r -> {
            String pw = rnd(r, 12, ALNUM + "!#&");
            String k = Base64.getEncoder().encodeToString((users[r.nextInt(users.length)] + ":" + pw).getBytes(StandardCharsets.UTF_8));
            String line = switch (r.nextInt(3)) {
                case 0 -> "Authorization: Basic " + k;
                case 1 -> "curl -H 'Authorization: Basic " + k + "' https://ci.internal/api";
                default -> "headers = {\"Authorization\": \"Basic " + k + "\"}";
            };
            return new Plant("basic_auth", line, k);
        });
        POSITIVE.put("bearer_token", r -> {
            String k = rnd(r, 20 + r.nextInt(30), ALNUM);
            String line = switch (r.nextInt(4)) {
                case 0 -> "Authorization: Bearer " + k;
                case 1 -> "curl -H \"Authorization: Bearer " + k + "\" https://api.internal/v1";
                case 2 -> "conn.setRequestProperty(\"Authorization\", \"Bearer " + k + "\");";
                default -> "headers = {'Authorization': 'Token " + k + "'}";
            };
            return new Plant("bearer_token", line, k);
        });
        POSITIVE.put("cli_password", r -> {
            String k = rnd(r, 10 + r.nextInt(8), ALNUM + "!#&");
            String u = users[r.nextInt(users.length)];
            String line = switch (r.nextInt(4)) {
                case 0 -> "curl -u " + u + ":" + k + " https://ci.internal/api";
                case 1 -> "curl --user '" + u + ":" + k + "' -X POST https://ci.internal/api";
                case 2 -> "subprocess.run([\"curl\", \"-u\", \"" + u + ":" + k + "\", url])";
                default -> "wget --http-user=" + u + " --http-password=" + k + " https://ci.internal/file";
            };
            return new Plant("cli_password", line, k);
        });
        POSITIVE.put("private_key_base64", r -> {
            StringBuilder b = new StringBuilder("-----BEGIN " + (r.nextBoolean() ? "RSA " : "") + "PRIVATE KEY-----\n");
            for (int i = 0; i < 6; i++) {
                b.append(rnd(r, 64, ALNUM + "+/")).append('\n');
            }
            b.append("-----END PRIVATE KEY-----\n");
            String k = Base64.getEncoder().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
            return new Plant("private_key_base64", r.nextBoolean() ? "  tls.key: " + k : "SSH_KEY_B64=\"" + k + "\"", k);
        });

        // unquoted config-line passwords with punctuation (issue 14): YAML, .env, comments, INI, properties
        POSITIVE.put("password_unquoted", r -> {
            String k = rnd(r, 4, "abcdefghjkmnpqrstuvwxyz") + rnd(r, 2, "23456789") + rnd(r, 1, "!#%&@^~+=?-")
                    + rnd(r, 2, AZ) + rnd(r, 1 + r.nextInt(5), ALNUM + "!#%&@");
            String line = switch (r.nextInt(6)) {
                case 0 -> "  password: " + k;
                case 1 -> "DB_PASSWORD=" + k;
                case 2 -> "# password: " + k;
                case 3 -> "db_password = " + k;
                case 4 -> "spring.datasource.password=" + k;
                default -> "export SMTP_PASSWORD=" + k;
            };
            return new Plant("password", line, k);
        });
        NEGATIVE.put("password_lookalike", r -> switch (r.nextInt(12)) {
            case 0 -> "  password: ${" + rnd(r, 6, AZ) + "_PASSWORD}";
            case 1 -> "password: changeme";
            case 2 -> "password: <your password>";
            case 3 -> "PASSWORD=${PASSWORD:-" + rnd(r, 6, "abcdefgh") + "}";
            case 4 -> "  password: !vault |";
            case 5 -> "password=$(cat /run/secrets/" + rnd(r, 6, "abcdefgh") + ")";
            case 6 -> "    password = get_password(" + rnd(r, 5, "abcdefgh") + ")";
            case 7 -> "password = os.environ['" + rnd(r, 6, AZ) + "_PASSWORD']";
            case 8 -> "  password: string;";
            case 9 -> "password: {{ .Values." + rnd(r, 5, "abcdefgh") + ".password }}";
            case 10 -> "if password == " + rnd(r, 6, "abcdefgh") + "!" + r.nextInt(99) + ":";
            default -> "password: ********";
        });
        NEGATIVE.put("git_sha", r -> "commit = \"" + rnd(r, 40, "0123456789abcdef") + "\"");
        NEGATIVE.put("uuid", r -> "request_id = \"" + new UUID(r.nextLong(), r.nextLong()) + "\"");
        NEGATIVE.put("npm_integrity", r -> "\"integrity\": \"sha512-" + Base64.getEncoder().encodeToString(bytes(r, 64)) + "\",");
        NEGATIVE.put("yarn_lock", r -> "  integrity sha1-" + Base64.getEncoder().encodeToString(bytes(r, 20)));
        NEGATIVE.put("cargo_lock", r -> "checksum = \"" + HexFormat.of().formatHex(bytes(r, 32)) + "\"");
        NEGATIVE.put("go_sum", r -> "github.com/pkg/errors v0.9." + r.nextInt(9) + " h1:" + Base64.getEncoder().encodeToString(bytes(r, 32)));
        NEGATIVE.put("base64_vector", r -> "assertEquals(\"" + Base64.getEncoder().encodeToString(bytes(r, 24))
                + "\", Base64.encode(input));");
        NEGATIVE.put("git_remote", r -> "url = git@github.com:" + rnd(r, 6, "abcdefgh") + "/" + rnd(r, 8, "abcdefgh") + ".git");
        NEGATIVE.put("npm_spec", r -> "\"@" + rnd(r, 5, "abcdefgh") + "/cli@" + r.nextInt(9) + "." + r.nextInt(20) + "." + r.nextInt(9) + "\"");
        NEGATIVE.put("version4", r -> "__version__ = \"" + r.nextInt(9) + "." + r.nextInt(99) + "." + r.nextInt(9) + "." + r.nextInt(999) + "\"");
        NEGATIVE.put("oid", r -> "OID = \"1.3.6.1.4.1." + r.nextInt(60000) + "." + r.nextInt(20) + ".1\"");
    }

    static {
        // look-alikes of the HTTP, command-line and base64 key forms
        NEGATIVE.put("bearer_template", r -> switch (r.nextInt(4)) {
            case 0 -> "Authorization: Bearer ${" + rnd(r, 6, AZ) + "_TOKEN}";
            case 1 -> "Authorization: Bearer <" + rnd(r, 6, "abcdefgh") + "-token>";
            case 2 -> "headers = {\"Authorization\": f\"Bearer {" + rnd(r, 6, "abcdefgh") + "}\"}";
            default -> "headers.put(\"Authorization\", \"Bearer \" + " + rnd(r, 6, "abcdefgh") + "Token);";
        });
        NEGATIVE.put("basic_realm", r -> "WWW-Authenticate: Basic realm=\"" + rnd(r, 8, "abcdefgh") + "\", charset=\"UTF-8\"");
        NEGATIVE.put("basic_placeholder", r -> "Authorization: Basic " + Base64.getEncoder().encodeToString(
                (new String[] {"user:pass", "admin:admin", "Aladdin:open sesame", "test:password", "foo:changeme1"}[r.nextInt(5)])
                        .getBytes(StandardCharsets.UTF_8)));
        NEGATIVE.put("bearer_short", r -> "Authorization: Bearer " + rnd(r, 3 + r.nextInt(6), ALNUM));
        NEGATIVE.put("curl_variable", r -> switch (r.nextInt(4)) {
            case 0 -> "curl -u \"$" + rnd(r, 5, AZ) + ":$" + rnd(r, 5, AZ) + "\" https://ci.internal/api";
            case 1 -> "curl -u " + rnd(r, 5, "abcdefgh") + ":${" + rnd(r, 5, AZ) + "_PASSWORD} $URL";
            case 2 -> "curl -u " + rnd(r, 5, "abcdefgh") + " https://ci.internal/api";
            default -> "curl -u user:pass https://httpbin.org/basic-auth/user/pass";
        });
        NEGATIVE.put("dash_u_elsewhere", r -> "ps -u root:" + rnd(r, 10, ALNUM) + " -o pid,cmd");
        NEGATIVE.put("base64_cert", r -> "  tls.crt: " + Base64.getEncoder().encodeToString(("-----BEGIN CERTIFICATE-----\n"
                + rnd(r, 64, ALNUM + "+/") + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static String decode(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args[0]);
        Path outTsv = Path.of(args[1]);
        int perFormat = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        List<Path> files = BenchFiles.under(corpus);
        List<String> texts = new ArrayList<>();
        List<Path> names = new ArrayList<>();
        long bytes = 0;
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            String t = decode(b);
            if (t != null && t.indexOf('\0') < 0) {
                texts.add(t);
                names.add(corpus.relativize(p));
                bytes += b.length;
            }
        }
        Redactor redactor = new Redactor(Redactor.Options.defaults());
        // throughput: one warm-up pass, then three timed passes on one thread
        for (String t : texts) {
            redactor.find(t);
        }
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long t0 = System.nanoTime();
            for (String t : texts) {
                redactor.redact(t);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "corpus: %d files, %.1f MB; redact: %.1f MB/s on one thread (best of 3)%n",
                texts.size(), mb, mb / (best / 1e9));
        Map<String, Integer> byType = new TreeMap<>();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(outTsv))) {
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                for (Finding f : redactor.find(t)) {
                    byType.merge(f.type(), 1, Integer::sum);
                    int ls = t.lastIndexOf('\n', f.start() - 1) + 1;
                    int le = t.indexOf('\n', f.end());
                    String line = t.substring(ls, Math.min(le < 0 ? t.length() : le, ls + 200)).replace('\t', ' ');
                    String hit = t.substring(f.start(), Math.min(f.end(), f.start() + 80)).replace('\n', ' ').replace('\t', ' ');
                    w.println(names.get(i) + "\t" + f.type() + "\t" + hit + "\t" + line.strip());
                }
            }
        }
        System.out.println("clean-corpus findings by type: " + byType + " (total "
                + byType.values().stream().mapToInt(Integer::intValue).sum() + "; per MB "
                + String.format(Locale.ROOT, "%.2f", byType.values().stream().mapToInt(Integer::intValue).sum() / mb) + ")");

        // planted set: each plant goes into a copy of a corpus file at a random line
        Random r = new Random(20240601L);
        Map<String, int[]> recall = new TreeMap<>();
        int tp = 0;
        int fpPlanted = 0;
        for (var e : POSITIVE.entrySet()) {
            for (int k = 0; k < perFormat; k++) {
                Plant p = e.getValue().apply(r);
                String host = texts.get(r.nextInt(texts.size()));
                String planted = insert(host, p.line(), r);
                int at = planted.indexOf(p.secret());
                List<Finding> before = redactor.find(host);
                List<Finding> after = redactor.find(planted);
                boolean hit = after.stream().anyMatch(f -> f.start() <= at && f.end() >= Math.min(at + p.secret().length(), f.start() + 1)
                        && f.start() < at + p.secret().length() && f.type().equals(p.type()));
                int[] c = recall.computeIfAbsent(e.getKey(), x -> new int[2]);
                c[0] += hit ? 1 : 0;
                c[1]++;
                tp += hit ? 1 : 0;
                if (!hit) {
                    System.out.println("MISS " + p.type() + ": " + p.line().replace('\n', ' '));
                }
                // findings on the planted line that are not the planted secret: false positives
                int lineStart = planted.indexOf(p.line());
                long extra = after.stream().filter(f -> f.start() >= lineStart && f.end() <= lineStart + p.line().length())
                        .filter(f -> f.end() <= at || f.start() >= at + p.secret().length()).count();
                fpPlanted += (int) extra;
                if (after.size() - before.size() > (hit ? 1 : 0) + extra && !p.type().equals("private_key")) {
                    System.out.println("SHIFT " + p.type() + " " + (after.size() - before.size()));
                }
            }
        }
        int negatives = 0;
        Map<String, Integer> negHits = new TreeMap<>();
        for (var e : NEGATIVE.entrySet()) {
            for (int k = 0; k < perFormat; k++) {
                String line = e.getValue().apply(r);
                negatives++;
                List<Finding> fs = redactor.find(line);
                if (!fs.isEmpty()) {
                    negHits.merge(e.getKey(), 1, Integer::sum);
                    System.out.println("FALSE ALARM " + e.getKey() + ": " + line + " -> " + fs);
                }
            }
        }
        int fpNeg = negHits.values().stream().mapToInt(Integer::intValue).sum();
        int positives = recall.values().stream().mapToInt(c -> c[1]).sum();
        System.out.println("recall by type: " + recall.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()[0] + "/" + x.getValue()[1]).toList());
        System.out.printf(Locale.ROOT, "planted: %d positives, recall %.4f; %d negatives, %d flagged; precision %.4f (TP %d, FP %d)%n",
                positives, (double) tp / positives, negatives, fpNeg, (double) tp / (tp + fpNeg + fpPlanted), tp, fpNeg + fpPlanted);
    }

    static String insert(String host, String line, Random r) {
        String[] lines = host.split("\n", -1);
        int at = r.nextInt(lines.length + 1);
        StringBuilder sb = new StringBuilder(host.length() + line.length() + 1);
        for (int i = 0; i < lines.length; i++) {
            if (i == at) {
                sb.append(line).append('\n');
            }
            sb.append(lines[i]);
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        if (at == lines.length) {
            sb.append('\n').append(line);
        }
        return sb.toString();
    }
}
