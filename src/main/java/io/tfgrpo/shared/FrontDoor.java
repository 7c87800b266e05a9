package io.tfgrpo.shared;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** The service's root, as a browser opens it: Swagger UI, where the API is described and can be tried. */
@Hidden
@RestController
class FrontDoor {

    @GetMapping("/")
    ResponseEntity<Void> swaggerUi() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/swagger-ui.html")).build();
    }
}
