package dev.tarosocket.it.callers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Set;

/** Basic authentication against two users, alice and bob (password: the name followed by "-pw"), both in group "user". */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "taro-it")
public class Users implements IdentityStore {

    public static final Set<String> NAMES = Set.of("alice", "bob");

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && NAMES.contains(c.getCaller())
                && c.compareTo(c.getCaller(), c.getCaller() + "-pw")) {
            return new CredentialValidationResult(c.getCaller(), Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
