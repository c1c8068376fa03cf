package io.seckill.id.segment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface IdSegmentMapper extends BaseMapper<IdSegment> {

    /** A new tag starting at id 1; 0 when the tag exists already. */
    @Insert("INSERT IGNORE INTO id_segment (biz_tag, max_id, step, description) VALUES (#{tag}, 0, #{step}, #{description})")
    int insertIfAbsent(@Param("tag") String tag, @Param("step") int step, @Param("description") String description);

    /** A larger step for an existing tag; 0 when its step is already at least this (a step is never lowered). */
    @Update("UPDATE id_segment SET step = #{step} WHERE biz_tag = #{tag} AND step < #{step}")
    int widen(@Param("tag") String tag, @Param("step") int step);

    /** Moves the tag's high-water mark up by one step; the row lock serialises concurrent fetches. */
    @Update("UPDATE id_segment SET max_id = max_id + step WHERE biz_tag = #{tag}")
    int advance(@Param("tag") String tag);
}
