package dev.tarosocket.it.callers;

import dev.tarosocket.ConnectSocketOption;
import dev.tarosocket.SocketManager;
import dev.tarosocket.SocketTask;

import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Behind basic authentication: {@code op=connect&key=K&url=U} connects a socket as the calling user
 * and records, for each of its callbacks, the caller principal the callback ran with;
 * {@code op=report&key=K} lists them ("none" when a callback ran with no caller).
 */
@WebServlet("/callers")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
@DeclareRoles("user")
public class CallerServlet extends HttpServlet {

    private static final Map<String, List<String>> RAN_AS = new ConcurrentHashMap<>();

    @Inject
    SocketManager sockets;

    @Inject
    SecurityContext security;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = request.getParameter("key");
        String answer;
        if ("connect".equals(request.getParameter("op"))) {
            List<String> ranAs = RAN_AS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
            try {
                SocketTask task = sockets.connectSocket(ConnectSocketOption.builder(request.getParameter("url"))
                        .onOpen(e -> ranAs.add("open:" + caller()))
                        .onMessage(e -> ranAs.add("message:" + caller()))
                        .build()).toCompletableFuture().get(20, TimeUnit.SECONDS);
                task.whenOpen().toCompletableFuture().get(20, TimeUnit.SECONDS);
                answer = request.getUserPrincipal().getName() + " connected";
            } catch (Exception e) {
                response.setStatus(500);
                answer = "failed: " + e;
            }
        } else {
            answer = String.valueOf(RAN_AS.get(key));
        }
        response.setContentType("text/plain");
        response.getWriter().print(answer);
    }

    private String caller() {
        try {
            Principal p = security.getCallerPrincipal();
            return p == null ? "none" : p.getName();
        } catch (RuntimeException e) {
            return "none (" + e.getClass().getSimpleName() + ")";
        }
    }
}
