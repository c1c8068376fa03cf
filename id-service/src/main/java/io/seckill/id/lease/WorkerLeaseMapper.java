package io.seckill.id.lease;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Worker-id leases as conditional writes. Expiry is always judged by the database's clock
 * ({@code NOW(3)}), never by an instance's, so two instances cannot both believe they hold an id.
 */
@Mapper
public interface WorkerLeaseMapper {

    /** Claims the worker id if it is free or its lease has expired; 1 row means this owner holds it now. */
    @Update("UPDATE worker_lease SET owner = #{owner},"
            + " expires_at = DATE_ADD(NOW(3), INTERVAL #{ttlMicros} MICROSECOND), version = version + 1"
            + " WHERE worker_id = #{workerId} AND (owner IS NULL OR expires_at IS NULL OR expires_at <= NOW(3))")
    int claim(@Param("workerId") int workerId, @Param("owner") String owner, @Param("ttlMicros") long ttlMicros);

    @Select("SELECT worker_id FROM worker_lease"
            + " WHERE owner IS NULL OR expires_at IS NULL OR expires_at <= NOW(3)"
            + " ORDER BY worker_id LIMIT #{limit}")
    List<Integer> findClaimable(@Param("limit") int limit);

    /**
     * Extends a lease this owner still holds and persists the time reservation in the same write:
     * the stored timestamp only grows, and bounds every id this worker id will issue until the next renewal.
     */
    @Update("UPDATE worker_lease SET expires_at = DATE_ADD(NOW(3), INTERVAL #{ttlMicros} MICROSECOND),"
            + " last_timestamp = GREATEST(last_timestamp, #{reservedUntil})"
            + " WHERE worker_id = #{workerId} AND owner = #{owner} AND expires_at > NOW(3)")
    int renew(@Param("workerId") int workerId, @Param("owner") String owner, @Param("ttlMicros") long ttlMicros,
            @Param("reservedUntil") long reservedUntil);

    @Select("SELECT last_timestamp FROM worker_lease WHERE worker_id = #{workerId} AND owner = #{owner}")
    Long persistedTimestamp(@Param("workerId") int workerId, @Param("owner") String owner);

    /**
     * The highest time reserved under any worker id, held or not: every id issued so far, by any instance
     * on any host, has a smaller timestamp. A new holder of any worker id starts at or above it.
     */
    @Select("SELECT COALESCE(MAX(last_timestamp), 0) FROM worker_lease")
    long highestReservation();

    /** Frees the id at clean shutdown; the persisted timestamp stays, as the next holder's floor. */
    @Update("UPDATE worker_lease SET owner = NULL, expires_at = NULL WHERE worker_id = #{workerId} AND owner = #{owner}")
    int release(@Param("workerId") int workerId, @Param("owner") String owner);
}
