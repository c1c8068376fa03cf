package io.seckill.gateway.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may log in and how tokens are checked ({@code seckill.auth.*}). Accounts are refreshed live;
 * the token settings are read at start-up. Mutable on purpose: Spring Cloud rebinds JavaBeans.
 */
@ConfigurationProperties("seckill.auth")
public class AuthProperties {

    /** shared-secret: HS256 tokens signed and checked here (local, demo); issuer: an external issuer's JWKS. */
    private Mode mode = Mode.SHARED_SECRET;

    /** HMAC key for shared-secret mode, at least 32 bytes; from SECKILL_JWT_SECRET, never from a committed file. */
    private String secret;

    /** The iss claim the login writes and the gateway requires in shared-secret mode. */
    private String issuer = "seckill-gateway";

    /** How long a login's token is valid. */
    private Duration tokenTtl = Duration.ofHours(2);

    /** The claim that lists a user's roles (e.g. ["SHOPPER"], ["OPERATOR"]). */
    private String rolesClaim = "roles";

    /** The development login (POST /auth/login); shared-secret mode only. */
    private boolean loginEnabled = true;

    /** Failed-login throttling and the password-hashing pool (live, apart from the pool). */
    private Login login = new Login();

    /** Named accounts: operators and demo shoppers, with hashed passwords ({bcrypt}...). */
    private List<Account> users = new ArrayList<>();

    /** Numbered demo shoppers <prefix>1..<prefix><count>, all with one password: for simulated crowds. */
    private DemoShoppers demoShoppers = new DemoShoppers();

    public enum Mode {
        SHARED_SECRET,
        ISSUER
    }

    public static class Account {

        private String username;
        private String passwordHash;
        private List<String> roles = new ArrayList<>(List.of("SHOPPER"));

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    public static class Login {

        /** Failures of one account before it is locked out; each further failure doubles the lockout. */
        private int freeFailures = 5;
        /** The same from one client address (many shoppers may share one behind NAT). */
        private int freeFailuresPerAddress = 50;
        /** Lockout after the first failure past the allowance. */
        private Duration baseBackoff = Duration.ofSeconds(1);
        /** The longest lockout. */
        private Duration maxBackoff = Duration.ofMinutes(15);
        /** Threads that check password hashes (bcrypt: ~70 ms CPU each); a login flood gets no more CPU than this. */
        private int hashingThreads = 1;
        /** Logins waiting for a hashing thread before further ones are refused with 503 (start-up). */
        private int hashingQueue = 1000;

        public int getFreeFailures() {
            return freeFailures;
        }

        public void setFreeFailures(int freeFailures) {
            this.freeFailures = freeFailures;
        }

        public int getFreeFailuresPerAddress() {
            return freeFailuresPerAddress;
        }

        public void setFreeFailuresPerAddress(int freeFailuresPerAddress) {
            this.freeFailuresPerAddress = freeFailuresPerAddress;
        }

        public Duration getBaseBackoff() {
            return baseBackoff;
        }

        public void setBaseBackoff(Duration baseBackoff) {
            this.baseBackoff = baseBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public int getHashingThreads() {
            return hashingThreads;
        }

        public void setHashingThreads(int hashingThreads) {
            this.hashingThreads = hashingThreads;
        }

        public int getHashingQueue() {
            return hashingQueue;
        }

        public void setHashingQueue(int hashingQueue) {
            this.hashingQueue = hashingQueue;
        }
    }

    public static class DemoShoppers {

        private String prefix = "shopper-";
        private int count;
        private String passwordHash;

        public String getPrefix() {
            return prefix;
        }

        public void setPrefix(String prefix) {
            this.prefix = prefix;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public boolean isLoginEnabled() {
        return loginEnabled;
    }

    public void setLoginEnabled(boolean loginEnabled) {
        this.loginEnabled = loginEnabled;
    }

    public Login getLogin() {
        return login;
    }

    public void setLogin(Login login) {
        this.login = login;
    }

    public List<Account> getUsers() {
        return users;
    }

    public void setUsers(List<Account> users) {
        this.users = users;
    }

    public DemoShoppers getDemoShoppers() {
        return demoShoppers;
    }

    public void setDemoShoppers(DemoShoppers demoShoppers) {
        this.demoShoppers = demoShoppers;
    }
}
