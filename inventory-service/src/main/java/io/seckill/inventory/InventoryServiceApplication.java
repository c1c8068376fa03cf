package io.seckill.inventory;

import org.apache.ibatis.annotations.Mapper;
import org.mybatis.spring.annotation.MapperScan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

// annotationClass = Mapper: MyBatis must not scan the TCC action interfaces and proxy them as mappers.
@SpringBootApplication
@MapperScan(basePackages = "io.seckill.inventory", annotationClass = Mapper.class)
public class InventoryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryServiceApplication.class, args);
    }
}
