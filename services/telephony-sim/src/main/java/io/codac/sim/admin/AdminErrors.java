package io.codac.sim.admin;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Bad input to the admin API is a 400 problem with {@code code: malformed_request}, never a 500. */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

    @ExceptionHandler({BadParameter.class, IllegalArgumentException.class, DecodingException.class,
            ServerWebInputException.class})
    ResponseEntity<ProblemDetail> badParameter(RuntimeException e) {
        String detail = e instanceof ServerWebInputException input && input.getReason() != null
                ? input.getReason() : e.getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("code", "malformed_request");
        return ResponseEntity.badRequest().body(problem);
    }

    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message);
        }
    }
}
